/*
 * options.h: the command line of the snapcheck tool, as data.  Each
 * command is one struct sc_command with one table of options; the same
 * table drives getopt_long, the command's --help, the synopsis of
 * "snapcheck --help" and the man page's SYNOPSIS and OPTIONS sections
 * (make man), and a test keeps snapcheck.1 in step with it.
 */
#ifndef SNAPCHECK_OPTIONS_H
#define SNAPCHECK_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "util/buf.h"
#include "util/exitcode.h"

struct sc_option {
    int id;                 /* what sc_opt_next returns: > 0 */
    const char *name;       /* the long name, without "--" */
    char short_name;        /* 'o' for -o, or 0 */
    const char *arg;        /* the value's name (FILE), or NULL for a flag;
                             * "[=WHEN]": a value that may be left out */
    const char *help;       /* one line, for --help and the man page */
    const char *more;       /* more for the man page, or NULL */
    int group;              /* options of one nonzero group exclude each other */
    bool required;          /* the command needs it */
};

struct sc_command {
    const char *name;
    const char *operands;   /* as the synopsis shows them ("FILE|-"), or NULL */
    const char *summary;    /* one line */
    const struct sc_option *options;   /* ends with an entry of id 0 */
    int (*run)(int argc, char **argv); /* ARGV[0] is the command's name */
};

/* Prints "snapcheck: FMT" (with ARG, escaped) and a pointer to the
 * running command's --help; returns EXIT_USAGE. */
int usage_error(const char *fmt, const char *arg);

/* For a parser of a command's arguments that ends the command (--help
 * printed, a usage error said): sets *STATUS to CODE, the exit status,
 * and returns -1; such a parser returns 0 when the command goes on. */
int parse_stop(int *status, int code);

/* Every command, in the order help lists them; ends with NULL. */
extern const struct sc_command *const sc_commands[];

/* The command the tool is running (usage errors name its --help). */
extern const struct sc_command *sc_current_command;

struct sc_opt_parser {
    const struct sc_command *cmd;
    int argc;
    char **argv;
    int optind;             /* after the end: the first operand */
    int status;             /* after a negative return: the exit status */
    const struct sc_option *given[8];   /* per group, the option given */
    bool seen[64];          /* per option of the table (help last) */
};

/* Options may come before or after operands; "--" ends them. */
void sc_opt_init(struct sc_opt_parser *p, const struct sc_command *cmd, int argc, char **argv);

/* The id of the next option given (its value in *ARG), 0 when there
 * is none left (operands from P->optind), or -1 when the command is
 * done: --help printed (status 0) or a usage error said (status 2).
 * Also -1 for a required option missing at the end. */
int sc_opt_next(struct sc_opt_parser *p, const char **arg);

/* The command named NAME, or NULL. */
const struct sc_command *sc_command_find(const char *name);

/* Help: a command's ("snapcheck CMD --help"), the tool's. */
void sc_command_help(FILE *out, const struct sc_command *cmd);
void sc_tool_help(FILE *out);

/* The man page's SYNOPSIS and OPTIONS sections, in troff. */
void sc_man_sections(struct sc_buf *b);

/* Of the NAMES (ending with NULL), the nearest to WORD by edit
 * distance, close enough to be a slip; NULL when none is. */
const char *sc_nearest(const char *word, const char *const *names);

#endif
