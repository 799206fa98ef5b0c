/* SPDX-License-Identifier: MIT */
#ifndef VO_LOG_H
#define VO_LOG_H

/*
 * Diagnostics to a log file, never to the terminal the TUI draws on.
 * One write(2) per line to an O_APPEND descriptor, so any thread may log.
 * The level test happens before the arguments are evaluated.
 */

enum log_level {
	LOG_LEVEL_ERROR = 0,
	LOG_LEVEL_WARN,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG
};

extern int log_level_current;

/* Opens PATH for appending; returns 0 or -1 (logging stays off). */
int	 log_open(const char *path, enum log_level);
void	 log_close(void);
/* Names the calling thread in its log lines (at most 15 characters). */
void	 log_thread_name(const char *);
void	 log_write(enum log_level, const char *func, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#define LOG_AT(lvl, ...) do {						\
	if (log_level_current >= (int)(lvl))				\
		log_write((lvl), __func__, __VA_ARGS__);		\
} while (0)
#define log_error(...)	LOG_AT(LOG_LEVEL_ERROR, __VA_ARGS__)
#define log_warn(...)	LOG_AT(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_info(...)	LOG_AT(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...)	LOG_AT(LOG_LEVEL_DEBUG, __VA_ARGS__)

#endif
