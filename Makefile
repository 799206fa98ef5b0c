# SPDX-License-Identifier: MIT
# VigilOre Terminal. Plain GNU make; see README.md.
#
#   make            build build/debug/vigilore
#   make run        install missing packages (as root), build, start the TUI
#   make test       install, build, then every suite (plain, ASan+UBSan, TSan)
#   make bench      benchmarks, printing figures and ratios
#   make asan|tsan  sanitizer builds in build/asan, build/tsan
#   make check      source checks (layers, banned calls)
#   make install / uninstall   (PREFIX, DESTDIR)

VARIANT	?= debug
BUILD	:= build/$(VARIANT)
PREFIX	?= /usr/local
DESTDIR	?=

CC	?= cc
PKGS	:= ncursesw sqlite3 jansson libpq libcurl libcrypto xlsxwriter \
	   poppler-glib libzip libxml-2.0 libutf8proc
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lpthread -lm
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

WARN	:= -Wall -Wextra -Werror -Wformat=2 -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wold-style-definition -Wwrite-strings \
	   -Wpointer-arith -Wvla -Wdeclaration-after-statement \
	   -Wimplicit-fallthrough -Wundef -fno-common
CFLAGS	?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -I. $(PKG_CFLAGS) \
	     -DVIGILORE_DATADIR='"$(PREFIX)/share/vigilore"' -MMD -MP

ifeq ($(VARIANT),asan)
CFLAGS	:= -O1 -g -fno-omit-frame-pointer \
	   -fsanitize=address,undefined -fno-sanitize-recover=all
LDFLAGS	+= -fsanitize=address,undefined
endif
ifeq ($(VARIANT),tsan)
CFLAGS	:= -O1 -g -fno-omit-frame-pointer -fsanitize=thread
LDFLAGS	+= -fsanitize=thread
endif

# Layers: base <- db <- core <- tui. Each directory is globbed, so a new
# module needs no Makefile edit.
LIB_SRC	:= $(wildcard core/base/*.c) $(wildcard db/*.c) \
	   $(filter-out core/base/%,$(wildcard core/*.c core/*/*.c))
TUI_SRC	:= $(wildcard tui/*.c)
LIB_OBJ	:= $(LIB_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ	:= $(TUI_SRC:%.c=$(BUILD)/%.o)
LIB	:= $(BUILD)/libvigilore.a
BIN	:= $(BUILD)/vigilore

TEST_SRC := $(wildcard tests/unit/*/*_test.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

.PHONY: all run test bench asan tsan check deps install uninstall clean \
	tests-build bench-build
all: $(BIN)

deps:
	@sh packaging/install-deps

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BIN): $(TUI_OBJ) $(LIB)
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) -o $@ $(TUI_OBJ) $(LIB) $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) $(CMOCKA_LIBS)

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	@echo "  BENCH   $@"
	@$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(PKG_LIBS)

tests-build: $(BIN) $(TEST_BIN)

# The sample data (labelled SAMPLE everywhere) is loaded first; loading
# it again adds nothing.
run: deps
	@$(MAKE) --no-print-directory all
	@$(BIN) demo
	$(BIN)

test: deps
	@$(MAKE) --no-print-directory tests-build
	@$(MAKE) --no-print-directory VARIANT=asan tests-build
	@$(MAKE) --no-print-directory VARIANT=tsan tests-build
	@sh tests/run.sh

bench: deps
	@$(MAKE) --no-print-directory VARIANT=release CFLAGS="-O2 -DNDEBUG" \
	    bench-build
	@sh bench/run.sh build/release

bench-build: $(BIN) $(BENCH_BIN)

asan:
	@$(MAKE) --no-print-directory VARIANT=asan tests-build
tsan:
	@$(MAKE) --no-print-directory VARIANT=tsan tests-build

check:
	@sh tests/checksrc.sh

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/vigilore
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/vigilore
	cp -R assets/. $(DESTDIR)$(PREFIX)/share/vigilore/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/vigilore
	rm -rf $(DESTDIR)$(PREFIX)/share/vigilore

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(TUI_OBJ:.o=.d)
