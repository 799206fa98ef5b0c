/* SPDX-License-Identifier: MIT */
#ifndef VO_CLI_CMDS_H
#define VO_CLI_CMDS_H

/* Every command's entry point, one per row of cli_commands[]. */

#include "tui/cli.h"

cli_command_fn cli_cmd_frameworks;	/* tui/cli_interview.c */
cli_command_fn cli_cmd_interview;	/* tui/cli_interview.c */
cli_command_fn cli_cmd_sessions;	/* tui/cli_interview.c */
cli_command_fn cli_cmd_reports;		/* tui/cli_reports.c */
cli_command_fn cli_cmd_report;		/* tui/cli_reports.c */
cli_command_fn cli_cmd_demo;		/* tui/cli_reports.c */
cli_command_fn cli_cmd_db;		/* tui/cli_db.c */
cli_command_fn cli_cmd_sync;		/* tui/cli_sync.c */
cli_command_fn cli_db_pg;		/* tui/cli_sync.c: db init|stats --pg */
cli_command_fn cli_cmd_dashboard;	/* tui/cli_dashboard.c */
cli_command_fn cli_cmd_audit;		/* tui/cli_jobs.c */
cli_command_fn cli_cmd_jobs;		/* tui/cli_jobs.c */
cli_command_fn cli_cmd_status;		/* tui/cli_jobs.c */
cli_command_fn cli_cmd_cancel;		/* tui/cli_jobs.c */
cli_command_fn cli_cmd_retry;		/* tui/cli_jobs.c */
cli_command_fn cli_cmd_worker;		/* tui/cli_jobs.c */
cli_command_fn cli_cmd_extract;		/* tui/cli_jobs.c */
cli_command_fn cli_cmd_tui;		/* tui/cli_tui.c: no command given */

#endif
