/*
 * options.c: parsing a command's options from its table, and the help
 * and man page text the same table gives (see options.h).
 */
#include "cli/options.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "suite/report.h"

const struct sc_command *sc_current_command;

/* -h and --help, which every command has */
static const struct sc_option help_option = {
    .id = 'h', .name = "help", .short_name = 'h', .help = "print this help and exit",
};

#define MAX_OPTIONS (int)(sizeof(((struct sc_opt_parser *)0)->seen) - 1)

static size_t count_options(const struct sc_command *cmd)
{
    size_t n = 0;

    while (cmd->options && cmd->options[n].id)
        n++;
    return n;
}

/* The option at INDEX of CMD's table, help_option just past its end. */
static const struct sc_option *option_at(const struct sc_command *cmd, size_t index)
{
    return index < count_options(cmd) ? &cmd->options[index] : &help_option;
}

void sc_opt_init(struct sc_opt_parser *p, const struct sc_command *cmd, int argc, char **argv)
{
    memset(p, 0, sizeof(*p));
    p->cmd = cmd;
    p->argc = argc;
    p->argv = argv;
    optind = 0;   /* getopt starts afresh, at ARGV[1] */
    opterr = 0;   /* its own messages would print the option unescaped */
}

/* The option as the user wrote it, for a message ("--x", "-x"). */
static char *written(const struct sc_opt_parser *p)
{
    const char *arg = optind > 0 && optind <= p->argc ? p->argv[optind - 1] : "";

    if (!strncmp(arg, "--", 2))
        return sc_xasprintf("%.*s", (int)strcspn(arg, "="), arg);
    return sc_xasprintf("-%c", optopt > 0 && optopt < 128 ? optopt : '?');
}

static void add_name(const char ***names, size_t *n, const char *name)
{
    *names = sc_xrealloc(*names, (*n + 2) * sizeof(**names));
    (*names)[(*n)++] = name;
    (*names)[*n] = NULL;
}

/* The usage error for an option getopt does not know. */
static int unknown_option(const struct sc_opt_parser *p, const char *what)
{
    const struct sc_command *cmd = p->cmd;
    const char **names = NULL, **matches = NULL;
    size_t n = 0, nmatches = 0;
    int rc;

    for (size_t i = 0; i <= count_options(cmd); i++) {
        const struct sc_option *o = option_at(cmd, i);
        add_name(&names, &n, sc_xasprintf("--%s", o->name));
        if (!strncmp(what, "--", 2) && strlen(what) > 2 && !strncmp(o->name, what + 2, strlen(what) - 2))
            add_name(&matches, &nmatches, names[n - 1]);
    }
    const char *near = sc_nearest(what, names);
    const struct sc_command *other = NULL;
    for (size_t c = 0; sc_commands[c] && !other && !strncmp(what, "--", 2); c++) {
        for (size_t i = 0; i < count_options(sc_commands[c]); i++) {
            if (!strcmp(sc_commands[c]->options[i].name, what + 2))
                other = sc_commands[c];
        }
    }
    struct sc_buf msg = { 0 };
    if (nmatches > 1) {
        sc_buf_printf(&msg, "option '%%s' is ambiguous: it begins");
        for (size_t i = 0; i < nmatches; i++)
            sc_buf_printf(&msg, "%s %s", i == 0 ? "" : i + 1 == nmatches ? " and" : ",", matches[i]);
    } else if (other) {
        sc_buf_printf(&msg, "'%%s' is an option of %s, not of %s", other->name, cmd->name);
    } else {
        sc_buf_printf(&msg, "unknown option '%%s'");
        if (near)
            sc_buf_printf(&msg, "; did you mean '%s'?", near);
    }
    rc = usage_error(msg.data, what);
    sc_buf_free(&msg);
    for (size_t i = 0; i < n; i++)
        free((char *)names[i]);
    free(names);
    free(matches);
    return rc;
}

/* The check made at the end: required options were given. */
static int check_required(struct sc_opt_parser *p, const bool *seen)
{
    for (size_t i = 0; i < count_options(p->cmd); i++) {
        const struct sc_option *o = &p->cmd->options[i];
        if (o->required && !seen[i]) {
            char *what = sc_xasprintf("--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
            char *fmt = sc_xasprintf("%s needs %%s", p->cmd->name);
            p->status = usage_error(fmt, what);
            free(fmt);
            free(what);
            return -1;
        }
    }
    return 0;
}

/* The option's value may be left out ("--color" or "--color=always"). */
static bool arg_optional(const struct sc_option *o)
{
    return o->arg && o->arg[0] == '[';
}

/* The value's name without the brackets of an optional one. */
static char *arg_name(const struct sc_option *o)
{
    return arg_optional(o) ? sc_xasprintf("%.*s", (int)strlen(o->arg) - 3, o->arg + 2) : sc_xstrdup(o->arg);
}

int sc_opt_next(struct sc_opt_parser *p, const char **arg)
{
    const struct sc_command *cmd = p->cmd;
    size_t n = count_options(cmd);
    struct option longopts[64 + 2];
    char shortopts[2 * 64 + 4] = ":";
    bool *seen = p->seen;
    int index = -1;
    /* the tables are small: built again at each call */
    if (n > (size_t)MAX_OPTIONS)
        n = (size_t)MAX_OPTIONS;
    for (size_t i = 0; i <= n; i++) {
        const struct sc_option *o = option_at(cmd, i);
        longopts[i] = (struct option){ o->name, arg_optional(o) ? optional_argument : o->arg ? required_argument
                                                                                            : no_argument,
                                       NULL, 256 + (int)i };
        if (o->short_name) {
            size_t k = strlen(shortopts);
            shortopts[k] = o->short_name;
            shortopts[k + 1] = '\0';
            if (o->arg)
                strcat(shortopts, ":");
        }
    }
    longopts[n + 1] = (struct option){ NULL, 0, NULL, 0 };
    int opt = getopt_long(p->argc, p->argv, shortopts, longopts, &index);
    if (opt == -1) {
        p->optind = optind;
        return check_required(p, seen) < 0 ? -1 : 0;
    }
    if (opt == '?' || opt == ':') {
        char *what = written(p);
        if (opt == ':') {
            const struct sc_option *o = NULL;
            for (size_t i = 0; i <= n; i++) {
                const struct sc_option *c = option_at(cmd, i);
                if ((!strncmp(what, "--", 2) && !strcmp(c->name, what + 2)) ||
                    (what[0] == '-' && what[1] == c->short_name && c->short_name))
                    o = c;
            }
            char *fmt = sc_xasprintf("option '%%s' needs a value (%s)", o && o->arg ? o->arg : "one");
            p->status = usage_error(fmt, what);
            free(fmt);
        } else {
            p->status = unknown_option(p, what);
        }
        free(what);
        return -1;
    }
    if (opt < 256) {   /* a short option: its entry */
        for (size_t i = 0; i <= n; i++) {
            if (option_at(cmd, i)->short_name == opt)
                index = (int)i;
        }
    } else {
        index = opt - 256;
    }
    const struct sc_option *o = option_at(cmd, (size_t)index);
    if (o == &help_option) {
        sc_command_help(stdout, cmd);
        p->status = EXIT_OK;
        return -1;
    }
    seen[index] = true;
    if (o->group > 0 && (size_t)o->group < sizeof(p->given) / sizeof(p->given[0])) {
        const struct sc_option *before = p->given[o->group];
        if (before && before != o) {
            char *fmt = sc_xasprintf("--%s and --%%s cannot be used together", before->name);
            p->status = usage_error(fmt, o->name);
            free(fmt);
            return -1;
        }
        p->given[o->group] = o;
    }
    *arg = optarg;
    return o->id;
}

const struct sc_command *sc_command_find(const char *name)
{
    for (size_t i = 0; sc_commands[i]; i++) {
        if (!strcmp(sc_commands[i]->name, name))
            return sc_commands[i];
    }
    return NULL;
}

/* What the synopsis shows of O: "--name ARG", "-o FILE". */
static void option_usage(struct sc_buf *b, const struct sc_option *o)
{
    if (o->short_name)
        sc_buf_printf(b, "-%c", o->short_name);
    else
        sc_buf_printf(b, "--%s", o->name);
    if (o->arg)
        sc_buf_printf(b, arg_optional(o) ? "%s" : " %s", o->arg);
}

/* The words of CMD's synopsis, each a bracketed option, a group or an
 * operand list; ends with NULL. */
static char **synopsis_words(const struct sc_command *cmd)
{
    size_t n = count_options(cmd), k = 0;
    char **words = sc_xcalloc(n + 2, sizeof(*words));

    for (size_t i = 0; i < n; i++) {
        const struct sc_option *o = &cmd->options[i];
        struct sc_buf b = { 0 };
        bool first_of_group = true;
        for (size_t j = 0; j < i; j++)
            first_of_group &= !o->group || cmd->options[j].group != o->group;
        if (!first_of_group)
            continue;
        sc_buf_puts(&b, o->required ? "" : "[");
        for (size_t j = i; j < n; j++) {
            if (j != i && (!o->group || cmd->options[j].group != o->group))
                continue;
            if (j != i)
                sc_buf_puts(&b, "|");
            option_usage(&b, &cmd->options[j]);
        }
        sc_buf_puts(&b, o->required ? "" : "]");
        words[k++] = sc_buf_steal(&b);
    }
    if (cmd->operands)
        words[k++] = sc_xstrdup(cmd->operands);
    return words;
}

static void free_words(char **words)
{
    for (size_t i = 0; words[i]; i++)
        free(words[i]);
    free(words);
}

/* Words after PREFIX, wrapped at 79 columns, continued at INDENT. */
static void wrap(FILE *out, const char *prefix, char **words, int indent)
{
    int col = fprintf(out, "%s", prefix);

    for (size_t i = 0; words[i]; i++) {
        int len = (int)strlen(words[i]);
        if (col + 1 + len > 79 && col > indent) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
        } else {
            fputc(' ', out);
            col++;
        }
        col += fprintf(out, "%s", words[i]);
    }
    fputc('\n', out);
}

/* TEXT wrapped at 79 columns, every line after the first at INDENT,
 * the first going on from column COL. */
static void wrap_text(FILE *out, const char *text, int col, int indent)
{
    const char *p = text;

    while (*p) {
        size_t len = strcspn(p, " ");
        if (col + (int)len + 1 > 79 && col > indent) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
        } else if (p != text) {
            fputc(' ', out);
            col++;
        }
        col += fprintf(out, "%.*s", (int)len, p);
        p += len;
        while (*p == ' ')
            p++;
    }
    fputc('\n', out);
}

void sc_command_help(FILE *out, const struct sc_command *cmd)
{
    char **words = synopsis_words(cmd);
    char *prefix = sc_xasprintf("usage: snapcheck %s", cmd->name);
    size_t n = count_options(cmd);

    wrap(out, prefix, words, (int)strlen(prefix) + 1);
    fprintf(out, "\n%c%s.\n\noptions:\n", cmd->summary[0] - 'a' + 'A', cmd->summary + 1);
    for (size_t i = 0; i <= n; i++) {
        const struct sc_option *o = option_at(cmd, i);
        struct sc_buf left = { 0 };
        if (o->short_name)
            sc_buf_printf(&left, "  -%c, ", o->short_name);
        else
            sc_buf_puts(&left, "      ");
        sc_buf_printf(&left, "--%s%s%s", o->name, !o->arg || arg_optional(o) ? "" : " ", o->arg ? o->arg : "");
        /* the help at column 32, or on a line of its own */
        if (left.len < 31)
            fprintf(out, "%-32s", left.data);
        else
            fprintf(out, "%s\n%32s", left.data, "");
        wrap_text(out, o->help, 32, 32);
        sc_buf_free(&left);
    }
    free(prefix);
    free_words(words);
}

void sc_tool_help(FILE *out)
{
    fputs("usage: snapcheck COMMAND [OPTIONS] [ARGS]\n"
          "       snapcheck help [COMMAND]\n"
          "       snapcheck --version\n"
          "       snapcheck --datadir\n"
          "\n"
          "commands:\n", out);
    for (size_t i = 0; sc_commands[i]; i++) {
        char **words = synopsis_words(sc_commands[i]);
        char *prefix = sc_xasprintf("  %s", sc_commands[i]->name);
        wrap(out, prefix, words, (int)strlen(prefix) + 1);
        fprintf(out, "%*s", 8, "");
        wrap_text(out, sc_commands[i]->summary, 8, 8);
        free(prefix);
        free_words(words);
    }
    fputs("\n'snapcheck COMMAND --help' explains a command's options; --version says which\n"
          "snapcheck, corpus, profile and libxml2 run; --datadir prints where the schemas,\n"
          "the built-in suite and the adapters are.\n", out);
    fputs("report formats: ", out);
    for (int i = 0; i < SC_REPORT_LAST; i++)
        fprintf(out, "%s%s", i ? ", " : "", sc_report_format_to_string(i));
    fputs("\nexit status: 0 success, 1 not conforming, 2 usage or I/O error,\n"
          "             3 the implementation could not be started, or fails the smoke case\n", out);
}

/* TEXT for troff: backslashes and minus signs escaped, no line
 * starting with a control character. */
static void troff(struct sc_buf *b, const char *text)
{
    if (*text == '.' || *text == '\'')
        sc_buf_puts(b, "\\&");
    for (const char *p = text; *p; p++) {
        if (*p == '\\')
            sc_buf_puts(b, "\\e");
        else if (*p == '-')
            sc_buf_puts(b, "\\-");
        else
            sc_buf_add(b, p, 1);
    }
}

/* The word at P, up to a character of STOP, in FONT ("\\fB", "\\fI"),
 * then roman; returns its length. */
static size_t troff_word(struct sc_buf *b, const char *p, const char *stop, const char *font)
{
    size_t len = strcspn(p, stop);
    char *word = sc_xasprintf("%.*s", (int)len, p);

    sc_buf_puts(b, font);
    troff(b, word);
    sc_buf_puts(b, "\\fR");
    free(word);
    return len;
}

static void man_option_usage(struct sc_buf *b, const struct sc_option *o)
{
    sc_buf_puts(b, "\\fB");
    if (o->short_name) {
        sc_buf_printf(b, "\\-%c\\fR, \\fB", o->short_name);
    }
    sc_buf_puts(b, "\\-\\-");
    troff(b, o->name);
    sc_buf_puts(b, "\\fR");
    if (o->arg) {
        char *name = arg_name(o);
        sc_buf_puts(b, arg_optional(o) ? "[=\\fI" : " \\fI");
        troff(b, name);
        sc_buf_puts(b, arg_optional(o) ? "\\fR]" : "\\fR");
        free(name);
    }
}

void sc_man_sections(struct sc_buf *b)
{
    sc_buf_puts(b, ".SH SYNOPSIS\n.nh\n");
    for (size_t c = 0; sc_commands[c]; c++) {
        const struct sc_command *cmd = sc_commands[c];
        char **words = synopsis_words(cmd);
        sc_buf_puts(b, c ? ".br\n" : "");
        sc_buf_printf(b, ".B snapcheck %s\n", cmd->name);
        for (size_t i = 0; words[i]; i++) {
            sc_buf_puts(b, "\\fR");
            for (const char *p = words[i]; *p; p++) {
                /* option names bold, values italic, brackets roman */
                if (*p == '[' || *p == ']' || *p == '|') {
                    sc_buf_printf(b, "\\fR%c", *p);
                } else if (*p == '-' && (p == words[i] || strchr("[| ", p[-1]))) {
                    p += troff_word(b, p, " |[]", "\\fB") - 1;
                } else if (*p == ' ') {
                    sc_buf_puts(b, " ");
                } else {
                    p += troff_word(b, p, " |]", "\\fI") - 1;
                }
            }
            sc_buf_puts(b, "\n");
        }
        free_words(words);
    }
    sc_buf_puts(b, ".br\n.B snapcheck \\-\\-version\n.br\n.B snapcheck \\-\\-datadir\n");
    sc_buf_puts(b, ".hy\n.SH OPTIONS\n");
    for (size_t c = 0; sc_commands[c]; c++) {
        const struct sc_command *cmd = sc_commands[c];
        if (!count_options(cmd))
            continue;
        sc_buf_printf(b, ".SS %s\n", cmd->name);
        for (size_t i = 0; i < count_options(cmd); i++) {
            const struct sc_option *o = &cmd->options[i];
            sc_buf_puts(b, ".TP\n");
            man_option_usage(b, o);
            sc_buf_puts(b, "\n");
            char first[2] = { (char)(o->help[0] >= 'a' && o->help[0] <= 'z' ? o->help[0] - 'a' + 'A' : o->help[0]), 0 };
            troff(b, first);
            troff(b, o->help + 1);
            sc_buf_puts(b, o->more ? ". " : ".\n");
            if (o->more) {
                troff(b, o->more);
                sc_buf_puts(b, "\n");
            }
        }
    }
}

/* Edit distance, with a transposition as one edit. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *d = sc_xcalloc((la + 1) * (lb + 1), sizeof(*d));
#define D(i, j) d[(i) * (lb + 1) + (j)]

    for (size_t i = 0; i <= la; i++)
        D(i, 0) = i;
    for (size_t j = 0; j <= lb; j++)
        D(0, j) = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t best = D(i - 1, j - 1) + (a[i - 1] != b[j - 1]);
            if (D(i - 1, j) + 1 < best)
                best = D(i - 1, j) + 1;
            if (D(i, j - 1) + 1 < best)
                best = D(i, j - 1) + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && D(i - 2, j - 2) + 1 < best)
                best = D(i - 2, j - 2) + 1;
            D(i, j) = best;
        }
    }
    size_t r = D(la, lb);
#undef D
    free(d);
    return r;
}

const char *sc_nearest(const char *word, const char *const *names)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;

    for (size_t i = 0; names[i]; i++) {
        size_t d = distance(word, names[i]);
        if (d < best_d) {
            best_d = d;
            best = names[i];
        }
    }
    /* a slip: a third of the word at most, and never all of a short one */
    size_t len = strlen(word);
    return best && best_d <= (len < 6 ? 1 : len / 3) ? best : NULL;
}

int usage_error(const char *fmt, const char *arg)
{
    struct sc_buf b = { 0 };

    /* ARG is what the user typed, or a file name a glob expanded to */
    sc_buf_printf(&b, fmt, arg);
    sc_say(stderr, "snapcheck: %s", b.data);
    if (sc_current_command)
        fprintf(stderr, "Try 'snapcheck %s --help'.\n", sc_current_command->name);
    else
        fputs("Try 'snapcheck --help'.\n", stderr);
    sc_buf_free(&b);
    return EXIT_USAGE;
}

int parse_stop(int *status, int code)
{
    *status = code;
    return -1;
}
