/*
 * tests/tool.h: running the built snapcheck binary (tests/tool.c).
 */
#ifndef SNAPCHECK_TESTS_TOOL_H
#define SNAPCHECK_TESTS_TOOL_H

#include <sys/types.h>

/* Runs the snapcheck binary with ARGV (NULL-terminated, without argv[0])
 * and standard input from STDIN_PATH when given; the environment gets
 * NO_COLOR, and SNAPCHECK_DATADIR=DATADIR when DATADIR is given. */
struct tool_result {
    int status;         /* the exit status, 128 after a signal */
    int signal;         /* the signal it died of, or 0 */
    char *out;
    char *err;
    long maxrss_kib;    /* the run's peak resident memory */
};
struct tool_result harness_tool(const char *const *argv, const char *stdin_path,
                                const char *datadir);
/* The same, run in directory DIR. */
struct tool_result harness_tool_in(const char *dir, const char *const *argv, const char *stdin_path,
                                   const char *datadir);
/* The same, killed (status 128) if it has not ended after SECONDS: for
 * a test whose failure would otherwise be a hang. */
struct tool_result harness_tool_within(const char *const *argv, const char *stdin_path,
                                       const char *datadir, unsigned seconds);
/* The tool on a pseudo-terminal (TERM=xterm), NO_COLOR set to NO_COLOR
 * or unset when NULL: both its outputs in OUT, as the terminal shows
 * them (line ends as CR LF).  STATUS is -1 when there is no
 * pseudo-terminal to be had. */
struct tool_result harness_tool_on_terminal(const char *const *argv, const char *no_color);
void harness_tool_free(struct tool_result *r);

/* The same for another copy of the tool, at TOOL (an installed one), in
 * DIR (NULL: here): SNAPCHECK_DATADIR is DATADIR when given, else unset,
 * so that the copy finds its data itself. */
struct tool_result harness_tool_at(const char *tool, const char *dir, const char *const *argv,
                                   const char *datadir);

/* harness_tool with ENV ("NAME=VALUE" each, NULL-terminated) added to
 * the tool's environment. */
struct tool_result harness_tool_env(const char *const *env, const char *const *argv,
                                    const char *stdin_path);

/* harness_tool in two halves, for a test that acts while the tool
 * runs: starts it and returns its pid; then waits for it. */
pid_t harness_tool_start(const char *const *argv, const char *stdin_path, const char *datadir);
struct tool_result harness_tool_wait(pid_t pid);

#endif
