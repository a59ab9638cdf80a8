/*
 * diff.c: unified diff by longest common subsequence of lines.
 *
 * The common head and tail of the two texts are found by walking them,
 * and only what lies between is split into lines.  Golden files are
 * small, so a quadratic table for that middle is fine; past a size
 * limit the middle is shown as one replaced block, which is still a
 * correct (if coarse) diff.  Nothing here grows with the texts but the
 * diff itself, which a limited buffer (buf.h) bounds: comparing a huge
 * output costs time in proportion to it, not memory.  Colours are put
 * on when a diff is printed (escape.c), after its text has been escaped
 * for the terminal.
 *
 * Whitespace is drawn on the lines that differ, and only there, so that
 * context stays as it was written (see diff.h for the marks).  They are
 * part of the text, before any escaping, so every report format carries
 * the same marks.
 */
#define _GNU_SOURCE   /* memrchr */
#include "util/diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CONTEXT 3
/* What the first-difference summary quotes of a line, and how much of
 * it comes before the point where the lines differ once it is cut. */
#define QUOTE_LIMIT 120
#define QUOTE_BEFORE 30
#define TABLE_LIMIT (4u * 1000 * 1000)
#define LINE_LIMIT 20000u   /* lines of the middle the table may take */

/* The length of the line at P, its newline included (P < END). */
static size_t line_len(const char *p, const char *end)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));

    return nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
}

/* Where the last line before END starts (START < END). */
static const char *line_start(const char *start, const char *end)
{
    const char *nl = memrchr(start, '\n', (size_t)(end - 1 - start));

    return nl ? nl + 1 : start;
}

static size_t count_lines(const char *p, const char *end)
{
    size_t n = 0;

    for (; p < end; p += line_len(p, end))
        n++;
    return n;
}

/* An entry of the edit script: LINES lines of one kind, BYTES bytes at
 * S, starting at line A of the old text and line B of the new. */
struct op {
    char kind;   /* ' ', '-' or '+' */
    size_t a, b;
    const char *s;
    size_t bytes, lines;
};

struct script {
    struct op *v;
    size_t n;
};

static void push(struct script *sc, char kind, size_t a, size_t b, const char *s, size_t bytes, size_t lines)
{
    sc->v[sc->n++] = (struct op){ kind, a, b, s, bytes, lines };
}

struct lines {
    const char **s;
    size_t *len;
    size_t n;
};

static void split(const char *p, const char *end, size_t n, struct lines *l)
{
    l->s = sc_xcalloc(n + 1, sizeof(*l->s));
    l->len = sc_xcalloc(n + 1, sizeof(*l->len));
    for (l->n = 0; p < end; p += l->len[l->n++]) {
        l->s[l->n] = p;
        l->len[l->n] = line_len(p, end);
    }
}

static bool same(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
    return a->len[i] == b->len[j] && memcmp(a->s[i], b->s[j], a->len[i]) == 0;
}

/* The middle line by line, by longest common subsequence; lines are
 * numbered from PRE. */
static void lcs_script(struct script *sc, const struct lines *a, const struct lines *b, size_t pre)
{
    size_t an = a->n, bn = b->n;
    /* lcs[i][j]: common lines of a[i..] and b[j..] */
    unsigned *lcs = sc_xcalloc((an + 1) * (bn + 1), sizeof(*lcs));
#define L(i, j) lcs[(i) * (bn + 1) + (j)]
    for (size_t i = an; i-- > 0;)
        for (size_t j = bn; j-- > 0;)
            L(i, j) = same(a, i, b, j) ? L(i + 1, j + 1) + 1
                      : L(i + 1, j) > L(i, j + 1) ? L(i + 1, j) : L(i, j + 1);
    size_t i = 0, j = 0;
    while (i < an || j < bn) {
        if (i < an && j < bn && same(a, i, b, j)) {
            push(sc, ' ', pre + i, pre + j, a->s[i], a->len[i], 1);
            i++, j++;
        } else if (i < an && (j == bn || L(i + 1, j) >= L(i, j + 1))) {
            push(sc, '-', pre + i, pre + j, a->s[i], a->len[i], 1);
            i++;
        } else {
            push(sc, '+', pre + i, pre + j, b->s[j], b->len[j], 1);
            j++;
        }
    }
#undef L
    free(lcs);
}

/* The edit script around the middle, with CONTEXT equal lines on each
 * side: the rest of the common head and tail is never shown. */
static void edit_script(const char *old, const char *new, struct script *sc)
{
    const char *a = old, *aend = old + strlen(old), *b = new, *bend = new + strlen(new);
    size_t pre = 0, suf = 0;

    while (a < aend && b < bend) {
        size_t la = line_len(a, aend), lb = line_len(b, bend);
        if (la != lb || memcmp(a, b, la) != 0)
            break;
        a += la, b += lb, pre++;
    }
    const char *ma = aend, *mb = bend;   /* where the common tail starts */
    while (ma > a && mb > b) {
        const char *sa = line_start(a, ma), *sb = line_start(b, mb);
        if (ma - sa != mb - sb || memcmp(sa, sb, (size_t)(ma - sa)) != 0)
            break;
        ma = sa, mb = sb, suf++;
    }
    size_t an = count_lines(a, ma), bn = count_lines(b, mb);
    bool table = an + bn <= LINE_LIMIT && (an + 1) * (bn + 1) <= TABLE_LIMIT;
    sc->v = sc_xcalloc(2 * CONTEXT + (table ? an + bn : 2), sizeof(*sc->v));
    sc->n = 0;
    /* the head's last lines, found backwards */
    const char *head[CONTEXT];
    size_t nhead = 0;
    for (const char *p = a; nhead < CONTEXT && nhead < pre; nhead++)
        p = head[nhead] = line_start(old, p);
    for (size_t k = nhead; k-- > 0;) {
        size_t len = line_len(head[k], a);
        push(sc, ' ', pre - 1 - k, pre - 1 - k, head[k], len, 1);
    }
    if (table) {
        struct lines la, lb;
        split(a, ma, an, &la);
        split(b, mb, bn, &lb);
        lcs_script(sc, &la, &lb, pre);
        free(la.s);
        free(la.len);
        free(lb.s);
        free(lb.len);
    } else {
        if (an)
            push(sc, '-', pre, pre, a, (size_t)(ma - a), an);
        if (bn)
            push(sc, '+', pre + an, pre, b, (size_t)(mb - b), bn);
    }
    const char *p = ma;
    for (size_t k = 0; k < CONTEXT && k < suf; k++) {
        size_t len = line_len(p, aend);
        push(sc, ' ', pre + an + k, pre + bn + k, p, len, 1);
        p += len;
    }
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Bytes FROM to TO of the line of N bytes at S (its newline not
 * counted), whitespace drawn, and a space at AT whatever its
 * neighbours; with NEWLINE, the line's end too. */
static void draw(struct sc_buf *b, const char *s, size_t n, size_t from, size_t to, size_t at,
                 bool newline)
{
    for (size_t i = from; i < to; i++) {
        if (s[i] == '\t')
            sc_buf_puts(b, SC_MARK_TAB);
        else if (s[i] == '\r')
            sc_buf_puts(b, SC_MARK_CR);
        else if (s[i] == ' ' && (i == at || i == 0 || i + 1 == n || is_ws(s[i - 1]) || is_ws(s[i + 1])))
            sc_buf_puts(b, SC_MARK_SPACE);
        else
            sc_buf_add(b, s + i, 1);
    }
    if (newline && to == n)
        sc_buf_puts(b, SC_MARK_EOL);
}

static void emit_line(struct sc_buf *b, char kind, const char *s, size_t len)
{
    bool newline = len && s[len - 1] == '\n';
    size_t n = newline ? len - 1 : len;

    sc_buf_add(b, &kind, 1);
    if (kind == ' ')
        sc_buf_add(b, s, n);
    else
        draw(b, s, n, 0, n, SIZE_MAX, newline);
    sc_buf_puts(b, "\n");
    if (!len || s[len - 1] != '\n')
        sc_buf_puts(b, "\\ No newline at end of file\n");
}

static void emit_hunk(struct sc_buf *b, const struct op *ops, size_t from, size_t to)
{
    size_t acount = 0, bcount = 0;

    for (size_t k = from; k < to; k++) {
        acount += ops[k].kind != '+' ? ops[k].lines : 0;
        bcount += ops[k].kind != '-' ? ops[k].lines : 0;
    }
    sc_buf_printf(b, "@@ -%zu,%zu +%zu,%zu @@\n", ops[from].a + (acount ? 1 : 0), acount,
                  ops[from].b + (bcount ? 1 : 0), bcount);
    for (size_t k = from; k < to; k++) {
        const char *end = ops[k].s + ops[k].bytes;
        for (const char *p = ops[k].s; p < end;) {
            size_t len = line_len(p, end);
            emit_line(b, ops[k].kind, p, len);
            p += len;
        }
    }
}

void sc_unified_diff(struct sc_buf *b, const char *old_name, const char *old,
                     const char *new_name, const char *new)
{
    struct script sc;

    edit_script(old, new, &sc);
    const struct op *ops = sc.v;
    size_t n = sc.n;
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
        emit_hunk(b, ops, start, stop);
        k = prev_stop = stop;
    }
    free(sc.v);
}

/* The line of WN bytes at WANT and that of GN bytes at GOT, each
 * quoted from where both stop being the same indentation, or past
 * QUOTE_LIMIT bytes from a little before the point where they differ;
 * whitespace drawn, a space at that point too. */
static void quote_pair(struct sc_buf *b, const char *want, size_t wn, bool wnl, const char *got,
                       size_t gn, bool gnl)
{
    size_t indent = 0, at = 0;

    while (indent < wn && indent < gn && want[indent] == ' ' && got[indent] == ' ')
        indent++;
    while (at < wn && at < gn && want[at] == got[at])
        at++;
    size_t from = at > indent + QUOTE_LIMIT - QUOTE_BEFORE ? at - QUOTE_BEFORE : indent;
    while (from > indent && ((unsigned char)want[from] & 0xc0) == 0x80)
        from--;   /* never in the middle of a character */
    for (int side = 0; side < 2; side++) {
        const char *s = side ? got : want;
        size_t n = side ? gn : wn;
        struct sc_buf q = { .limit = QUOTE_LIMIT };
        draw(&q, s, n, from, n, at, side ? gnl : wnl);
        sc_buf_printf(b, "%s'%s%s%s'", side ? ", got " : "expected ", from > indent ? "…" : "",
                      q.data ? q.data : "", q.dropped ? "…" : "");
        sc_buf_free(&q);
    }
}

void sc_first_difference(struct sc_buf *b, const char *want, const char *got)
{
    long line = 1;

    for (;;) {
        size_t wn = strcspn(want, "\n"), gn = strcspn(got, "\n");
        bool wnl = want[wn] == '\n', gnl = got[gn] == '\n';
        if (wn != gn || memcmp(want, got, wn) != 0 || !wnl || !gnl) {
            sc_buf_printf(b, "output differs at line %ld: ", line);
            quote_pair(b, want, wn, wnl, got, gn, gnl);
            return;
        }
        want += wn + 1;
        got += gn + 1;
        line++;
    }
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
