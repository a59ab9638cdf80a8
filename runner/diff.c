/*
 * diff.c: unified diff by longest common subsequence of lines.
 *
 * Golden files are small, so a quadratic table is fine; past a size
 * limit the common prefix and suffix are trimmed and the middle is shown
 * as one replaced block, which is still a correct (if coarse) diff.
 * Colours are put on when a diff is printed (escape.c), after its text
 * has been escaped for the terminal.
 */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#define CONTEXT 3
#define TABLE_LIMIT (4u * 1000 * 1000)

struct lines {
    const char **s;
    size_t *len;
    size_t n;
};

static void split_lines(const char *text, struct lines *l)
{
    size_t cap = 16;

    l->n = 0;
    l->s = sc_xmalloc(cap * sizeof(*l->s));
    l->len = sc_xmalloc(cap * sizeof(*l->len));
    while (*text) {
        const char *nl = strchr(text, '\n');
        size_t n = nl ? (size_t)(nl - text) + 1 : strlen(text);
        if (l->n == cap) {
            cap *= 2;
            l->s = sc_xrealloc(l->s, cap * sizeof(*l->s));
            l->len = sc_xrealloc(l->len, cap * sizeof(*l->len));
        }
        l->s[l->n] = text;
        l->len[l->n++] = n;
        text += n;
    }
}

static bool same(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
    return a->len[i] == b->len[j] && memcmp(a->s[i], b->s[j], a->len[i]) == 0;
}

/* One edit script entry: ' ', '-' or '+' with the line it shows. */
struct op {
    char kind;
    size_t a, b;   /* line indexes in old and new */
};

static size_t edit_script(const struct lines *a, const struct lines *b, struct op *ops)
{
    size_t pre = 0, suf = 0, n = 0;

    while (pre < a->n && pre < b->n && same(a, pre, b, pre))
        pre++;
    while (suf < a->n - pre && suf < b->n - pre &&
           same(a, a->n - 1 - suf, b, b->n - 1 - suf))
        suf++;
    size_t an = a->n - pre - suf, bn = b->n - pre - suf;
    for (size_t i = 0; i < pre; i++)
        ops[n++] = (struct op){ ' ', i, i };
    if ((an + 1) * (bn + 1) <= TABLE_LIMIT) {
        /* lcs[i][j]: common lines of a[pre+i..] and b[pre+j..] */
        unsigned *lcs = sc_xcalloc((an + 1) * (bn + 1), sizeof(*lcs));
#define L(i, j) lcs[(i) * (bn + 1) + (j)]
        for (size_t i = an; i-- > 0;)
            for (size_t j = bn; j-- > 0;)
                L(i, j) = same(a, pre + i, b, pre + j) ? L(i + 1, j + 1) + 1
                          : L(i + 1, j) > L(i, j + 1) ? L(i + 1, j) : L(i, j + 1);
        size_t i = 0, j = 0;
        while (i < an || j < bn) {
            if (i < an && j < bn && same(a, pre + i, b, pre + j))
                ops[n++] = (struct op){ ' ', pre + i++, pre + j++ };
            else if (i < an && (j == bn || L(i + 1, j) >= L(i, j + 1)))
                ops[n++] = (struct op){ '-', pre + i++, pre + j };
            else
                ops[n++] = (struct op){ '+', pre + i, pre + j++ };
        }
#undef L
        free(lcs);
    } else {
        for (size_t i = 0; i < an; i++)
            ops[n++] = (struct op){ '-', pre + i, pre };
        for (size_t j = 0; j < bn; j++)
            ops[n++] = (struct op){ '+', pre + an, pre + j };
    }
    for (size_t k = 0; k < suf; k++)
        ops[n++] = (struct op){ ' ', a->n - suf + k, b->n - suf + k };
    return n;
}

static void emit_line(struct sc_buf *b, char kind, const char *s, size_t len)
{
    sc_buf_add(b, &kind, 1);
    sc_buf_add(b, s, len && s[len - 1] == '\n' ? len - 1 : len);
    sc_buf_puts(b, "\n");
    if (!len || s[len - 1] != '\n')
        sc_buf_puts(b, "\\ No newline at end of file\n");
}

static void emit_hunk(struct sc_buf *b, const struct op *ops, size_t from, size_t to,
                      const struct lines *a, const struct lines *bl)
{
    size_t acount = 0, bcount = 0;

    for (size_t k = from; k < to; k++) {
        acount += ops[k].kind != '+';
        bcount += ops[k].kind != '-';
    }
    sc_buf_printf(b, "@@ -%zu,%zu +%zu,%zu @@\n", ops[from].a + (acount ? 1 : 0), acount,
                  ops[from].b + (bcount ? 1 : 0), bcount);
    for (size_t k = from; k < to; k++) {
        if (ops[k].kind == '+')
            emit_line(b, '+', bl->s[ops[k].b], bl->len[ops[k].b]);
        else
            emit_line(b, ops[k].kind, a->s[ops[k].a], a->len[ops[k].a]);
    }
}

void sc_unified_diff(struct sc_buf *b, const char *old_name, const char *old,
                     const char *new_name, const char *new)
{
    struct lines a, bl;
    struct op *ops;
    size_t n;

    split_lines(old, &a);
    split_lines(new, &bl);
    ops = sc_xmalloc((a.n + bl.n + 1) * sizeof(*ops));
    n = edit_script(&a, &bl, ops);
    sc_buf_printf(b, "--- %s\n+++ %s\n", old_name, new_name);
    for (size_t k = 0, prev_stop = 0; k < n;) {
        if (ops[k].kind == ' ') {
            k++;
            continue;
        }
        /* Changes closer than 2*CONTEXT equal lines share one hunk. */
        size_t last = k, j = k;
        while (j < n) {
            if (ops[j].kind != ' ') {
                last = j++;
                continue;
            }
            size_t run = 0;
            while (j + run < n && ops[j + run].kind == ' ')
                run++;
            if (j + run == n || run > 2 * CONTEXT)
                break;
            j += run;
        }
        size_t start = k > prev_stop + CONTEXT ? k - CONTEXT : prev_stop;
        size_t stop = last + 1 + CONTEXT < n ? last + 1 + CONTEXT : n;
        emit_hunk(b, ops, start, stop, &a, &bl);
        k = prev_stop = stop;
    }
    free(ops);
    free(a.s);
    free(a.len);
    free(bl.s);
    free(bl.len);
}

const char *sc_diff_color(const char *line, size_t len, int *state)
{
    /* *STATE: 0 outside a diff, 1 after its "--- " line, 2 inside */
    if (*state == 1 && len >= 4 && !strncmp(line, "+++ ", 4)) {
        *state = 2;
        return NULL;
    }
    if (*state == 2 && len && strchr("-+ @\\", line[0])) {
        if (line[0] == '-')
            return "\033[31m";
        if (line[0] == '+')
            return "\033[32m";
        return len >= 2 && line[0] == '@' && line[1] == '@' ? "\033[36m" : NULL;
    }
    *state = len >= 4 && !strncmp(line, "--- ", 4);
    return NULL;
}
