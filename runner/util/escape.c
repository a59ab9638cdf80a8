/*
 * escape.c: the escaping of names and foreign text, format by format
 * (see escape.h).  Everything is decoded as strict UTF-8 first, so that
 * a byte which is not UTF-8 is always shown as what it is; then the
 * terminal's C-escaped form is the base that TAP and Markdown build on,
 * while JSON and XML, which can carry any character, keep the text
 * exact.
 */
#include "util/escape.h"

#include <string.h>

#include "util/diff.h"

enum {
    LINE_START = 1,   /* a ':' that would start the line is escaped */
    HASH_PAIR = 2,    /* the second '#' of "##" is escaped */
    HASH_ALL = 4,     /* every '#' is escaped, as TAP wants */
};

/* The code point at P (LEFT bytes) and its length in *LEN; -1, length
 * 1, for a byte that does not start well-formed UTF-8 (overlong forms,
 * surrogates and values past U+10FFFF included). */
static long utf8_char(const unsigned char *p, size_t left, int *len)
{
    long c;
    int n;

    *len = 1;
    if (p[0] < 0x80)
        return p[0];
    if (p[0] >= 0xc2 && p[0] <= 0xdf)
        n = 2, c = p[0] & 0x1f;
    else if (p[0] >= 0xe0 && p[0] <= 0xef)
        n = 3, c = p[0] & 0x0f;
    else if (p[0] >= 0xf0 && p[0] <= 0xf4)
        n = 4, c = p[0] & 0x07;
    else
        return -1;
    if ((size_t)n > left)
        return -1;
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return -1;
        c = (c << 6) | (p[i] & 0x3f);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
        (c >= 0xd800 && c <= 0xdfff))
        return -1;
    *len = n;
    return c;
}

/* Characters that are not shown as themselves, or that move or break
 * the text around them: every control (C0, DEL, C1), every space but
 * the ASCII one (a CI runner trims them before looking for a command),
 * line and paragraph separators, bidirectional controls, zero-width and
 * invisible formatting characters, tag characters and noncharacters.
 * Joiners (U+200C, U+200D) stay: scripts and emoji need them. */
static bool hidden(long c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0xa0) || c == 0xad || c == 0x61c || c == 0x1680 ||
           c == 0x180e || (c >= 0x2000 && c <= 0x200b) || c == 0x200e || c == 0x200f ||
           (c >= 0x2028 && c <= 0x202f) || (c >= 0x205f && c <= 0x206f) || c == 0x3000 ||
           c == 0xfeff || (c >= 0xfff9 && c <= 0xfffb) || (c >= 0xfdd0 && c <= 0xfdef) ||
           (c & 0xfffe) == 0xfffe || (c >= 0xe0000 && c <= 0xe007f);
}

/* Whether B's current line holds nothing but spaces so far. */
static bool at_line_start(const struct sc_buf *b)
{
    for (size_t i = b->len; i > 0; i--) {
        if (b->data[i - 1] == '\n')
            return true;
        if (b->data[i - 1] != ' ')
            return false;
    }
    return true;
}

static bool follows_hash(const struct sc_buf *b)
{
    return b->len && b->data[b->len - 1] == '#';
}

/* The C-escaped form of N bytes at S, appended to B. */
static void c_escape(struct sc_buf *b, const char *s, size_t n, int flags)
{
    static const char named[0x20] = {
        ['\a'] = 'a', ['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n',
        ['\v'] = 'v', ['\f'] = 'f', ['\r'] = 'r', [0x1b] = 'e',
    };
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    bool start = (flags & LINE_START) && at_line_start(b);

    while (p < end) {
        int len;
        long c = utf8_char(p, (size_t)(end - p), &len);
        if (c < 0)
            sc_buf_printf(b, "\\x%02x", *p);
        else if (c < 0x20 && named[c])
            sc_buf_printf(b, "\\%c", named[c]);
        else if (c < 0x80 && hidden(c))
            sc_buf_printf(b, "\\x%02lx", c);
        else if (hidden(c))
            sc_buf_printf(b, c > 0xffff ? "\\U%08lx" : "\\u%04lx", c);
        else if (c == '\\')
            sc_buf_puts(b, "\\\\");
        else if (c == '#' && (flags & HASH_ALL))
            sc_buf_puts(b, "\\#");
        else if (c == '#' && (flags & HASH_PAIR) && follows_hash(b))
            sc_buf_puts(b, "\\x23");
        else if (c == ':' && start)
            sc_buf_puts(b, "\\x3a");
        else
            sc_buf_add(b, (const char *)p, (size_t)len);
        start = start && c == ' ';
        p += len;
    }
}

void sc_esc_text(struct sc_buf *b, const char *s)
{
    s = s ? s : "";
    c_escape(b, s, strlen(s), LINE_START | HASH_PAIR);
}

void sc_esc_text_lines(struct sc_buf *b, const char *indent, const char *text, bool color)
{
    int state = 0;

    for (const char *line = text ? text : ""; *line;) {
        size_t n = strcspn(line, "\n");
        const char *on = color ? sc_diff_color(line, n, &state) : NULL;
        sc_buf_puts(b, indent);
        if (on)
            sc_buf_puts(b, on);
        c_escape(b, line, n, LINE_START | HASH_PAIR);
        if (on)
            sc_buf_puts(b, SC_DIFF_COLOR_OFF);
        sc_buf_puts(b, "\n");
        line += n + (line[n] == '\n');
    }
}

void sc_esc_tap(struct sc_buf *b, const char *s)
{
    s = s ? s : "";
    c_escape(b, s, strlen(s), LINE_START | HASH_ALL);
}

void sc_esc_md(struct sc_buf *b, const char *s)
{
    struct sc_buf form = { 0 };

    s = s ? s : "";
    c_escape(&form, s, strlen(s), 0);
    for (size_t i = 0; i < form.len; i++) {
        if (strchr("\\`*_[]<>|~&$#", form.data[i]))
            sc_buf_puts(b, "\\");
        sc_buf_add(b, form.data + i, 1);
    }
    sc_buf_free(&form);
}

void sc_esc_md_code(struct sc_buf *b, const char *s)
{
    struct sc_buf form = { 0 }, body = { 0 };
    size_t run = 0, longest = 0;

    s = s ? s : "";
    c_escape(&form, s, strlen(s), HASH_PAIR);
    sc_buf_puts(&body, "");
    for (size_t i = 0; i < form.len; i++) {
        run = form.data[i] == '`' ? run + 1 : 0;
        longest = run > longest ? run : longest;
        if (form.data[i] == '|')
            sc_buf_puts(&body, "\\");
        sc_buf_add(&body, form.data + i, 1);
    }
    /* a fence no run inside can close; a space on each side when the
     * text starts or ends with a backtick or a space, which CommonMark
     * takes off again */
    bool pad = !body.len || strchr("` ", body.data[0]) || strchr("` ", body.data[body.len - 1]);
    for (size_t i = 0; i <= longest; i++)
        sc_buf_puts(b, "`");
    sc_buf_puts(b, pad ? " " : "");
    sc_buf_add(b, body.data, body.len);
    sc_buf_puts(b, pad ? " " : "");
    for (size_t i = 0; i <= longest; i++)
        sc_buf_puts(b, "`");
    sc_buf_free(&form);
    sc_buf_free(&body);
}

void sc_esc_json(struct sc_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : ""), *end = p + strlen((const char *)p);

    sc_buf_puts(b, "\"");
    while (p < end) {
        int len;
        long c = utf8_char(p, (size_t)(end - p), &len);
        if (c < 0)
            sc_buf_puts(b, "\xEF\xBF\xBD");
        else if (c == '"' || c == '\\')
            sc_buf_printf(b, "\\%c", (int)c);
        else if (c == '\n' || c == '\t' || c == '\r')
            sc_buf_puts(b, c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r");
        else if (hidden(c) && c > 0xffff)
            sc_buf_printf(b, "\\u%04lx\\u%04lx", 0xd800 + ((c - 0x10000) >> 10),
                          0xdc00 + ((c - 0x10000) & 0x3ff));
        else if (hidden(c))
            sc_buf_printf(b, "\\u%04lx", c);
        else if (c == '#' && follows_hash(b))
            sc_buf_puts(b, "\\u0023");
        else
            sc_buf_add(b, (const char *)p, (size_t)len);
        p += len;
    }
    sc_buf_puts(b, "\"");
}

static bool xml_char_ok(long c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

char *sc_xml_clean(const char *s)
{
    struct sc_buf b = { 0 };
    const unsigned char *p = (const unsigned char *)(s ? s : ""), *end = p + strlen((const char *)p);

    sc_buf_puts(&b, "");
    while (p < end) {
        int len;
        long c = utf8_char(p, (size_t)(end - p), &len);
        if (c < 0 || !xml_char_ok(c))
            sc_buf_puts(&b, "\xEF\xBF\xBD");
        else
            sc_buf_add(&b, (const char *)p, (size_t)len);
        p += len;
    }
    return sc_buf_steal(&b);
}

void sc_esc_xml_output(struct sc_buf *b, const char *xml)
{
    const unsigned char *p = (const unsigned char *)xml, *end = p + strlen(xml);
    bool start = true;

    while (p < end) {
        int len;
        long c = utf8_char(p, (size_t)(end - p), &len);
        if (c >= 0 && c != '\n' && c != '\t' && hidden(c))
            sc_buf_printf(b, "&#x%lx;", c);
        else if (c == '#' && follows_hash(b))
            sc_buf_puts(b, "&#35;");
        else if (c == ':' && start)
            sc_buf_puts(b, "&#58;");
        else
            sc_buf_add(b, (const char *)p, (size_t)len);
        start = c == '\n' || (start && (c == ' ' || c == '\t'));
        p += len;
    }
}
