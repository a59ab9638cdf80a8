/*
 * xmlload.c: the loader of the files libxml2 opens by name, and the
 * capture of libxml2's messages (see xmlload.h).
 *
 * libxml2's own loader would open whatever a schema names: a pipe
 * (blocking on open), a device (reading /dev/urandom without end), a
 * gzip file (decompressed without bound), and on a parse error it
 * prints the offending line of the file itself (the first line of
 * /etc/passwd, say) on standard error.  Here a file is opened without
 * blocking, checked to be a regular file of bounded size, and streamed
 * through a counting reader; messages never reach libxml2's printer.
 */
#include "util/xmlload.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libxml/parserInternals.h>
#include <libxml/uri.h>

#include "util/fileio.h"

static _Thread_local struct sc_xml_capture *current;

/* A message about FILE (NULL: the capture's main file), to the capture
 * of this thread, or to standard error when there is none. */
static void report(const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void report(const char *file, long line, const char *fmt, ...)
{
    struct sc_buf b = { 0 };
    va_list ap;

    va_start(ap, fmt);
    sc_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (current && file && current->name &&
        (!strcmp(file, current->name) || !strcmp(file, current->name_uri)))
        file = NULL;
    if (current)
        sc_diag_add_in(current->diags, file, line, "%s", b.data);
    else
        sc_diag_print(stderr, file ? file : "snapcheck", &(struct sc_diag){ .line = line, .msg = b.data });
    sc_buf_free(&b);
}

/* A reader that stops at a number of bytes. */
struct source {
    int fd;
    size_t left;        /* bytes it may still read */
    char *path;
};

static int source_read(void *opaque, char *buf, int len)
{
    struct source *s = opaque;
    size_t want = (size_t)len < s->left + 1 ? (size_t)len : s->left + 1;
    ssize_t n;

    do
        n = read(s->fd, buf, want);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        report(s->path, 0, "cannot read: %s", strerror(errno));
        return -1;
    }
    if ((size_t)n > s->left) {   /* it grew while being read */
        report(s->path, 0, "not read: grew past its limit while being read");
        return -1;
    }
    s->left -= (size_t)n;
    if (current && current->budget)
        current->budget->bytes += (size_t)n;
    return (int)n;
}

static int source_close(void *opaque)
{
    struct source *s = opaque;

    close(s->fd);
    free(s->path);
    free(s);
    return 0;
}

/* A grammar has no DTD: refusing one as soon as it starts means no
 * entity is declared, so none can be expanded or point at a file. */
static void refuse_doctype(void *opaque, const xmlChar *name, const xmlChar *public_id,
                           const xmlChar *system_id)
{
    xmlParserCtxtPtr ctxt = opaque;

    (void)name;
    (void)public_id;
    (void)system_id;
    report(ctxt->input ? ctxt->input->filename : NULL, ctxt->input ? ctxt->input->line : 0,
           "a DOCTYPE declaration is not allowed in a schema");
    ctxt->wellFormed = 0;
    xmlStopParser(ctxt);
}

static const char *kind_of(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISFIFO(mode))
        return "a pipe";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

/* The local path a URL names, or NULL for anything else (a network
 * address, another scheme).  Newly allocated. */
static char *local_path(const char *url)
{
    static const char *const prefixes[] = { "file://localhost/", "file:///", "file:/" };
    size_t scheme = strspn(url, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");

    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
        size_t n = strlen(prefixes[i]);
        if (!strncmp(url, prefixes[i], n))
            return sc_xasprintf("/%s", url + n);
    }
    if (scheme > 0 && url[scheme] == ':')
        return NULL;
    return sc_xstrdup(url);
}

/* Opens PATH (or its %-unescaped form) without blocking on a pipe;
 * -1 with errno set. */
static int open_local(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

    if (fd < 0 && errno == ENOENT && strchr(path, '%')) {
        char *plain = xmlURIUnescapeString(path, 0, NULL);
        if (plain) {
            fd = open(plain, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
            xmlFree(plain);
        }
    }
    return fd;
}

/* What the next file may hold: SC_MAX_FILE, or what is left of the
 * capture's budget; false with a report when no file may be read. */
static bool allowance(const char *url, size_t *limit)
{
    struct sc_xml_budget *b = current ? current->budget : NULL;

    *limit = SC_MAX_FILE;
    if (!b)
        return true;
    if (b->files >= SC_MAX_SCHEMA_FILES) {
        if (!b->spent)
            report(url, 0, "not read: the schema would read more than %u files", SC_MAX_SCHEMA_FILES);
        b->spent = true;
        return false;
    }
    *limit = b->bytes < SC_MAX_SCHEMA_BYTES ? SC_MAX_SCHEMA_BYTES - b->bytes : 0;
    return true;
}

static xmlParserInputPtr load(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    char *path = url ? local_path(url) : NULL;
    struct stat st;
    size_t limit;
    int fd = -1;

    (void)id;
    if (!url) {
        report(NULL, 0, "cannot load a file without a name");
        return NULL;
    }
    if (!path) {
        report(url, 0, "not read: not a local file (snapcheck never uses the network)");
        return NULL;
    }
    if (!allowance(url, &limit))
        goto fail;
    if ((fd = open_local(path)) < 0) {
        report(url, 0, "cannot open: %s", strerror(errno));
        goto fail;
    }
    if (fstat(fd, &st) < 0) {
        report(url, 0, "cannot read: %s", strerror(errno));
        goto fail;
    }
    if (!S_ISREG(st.st_mode)) {
        report(url, 0, "not read: %s, not a regular file", kind_of(st.st_mode));
        goto fail;
    }
    if ((unsigned long long)st.st_size > limit) {
        struct sc_xml_budget *b = current ? current->budget : NULL;
        if (!b)
            report(url, 0, "not read: larger than %u MiB", SC_MAX_FILE >> 20);
        else if (!b->spent)
            report(url, 0, "not read: the schema's files would hold more than %u MiB together",
                   SC_MAX_SCHEMA_BYTES >> 20);
        if (b)
            b->spent = true;
        goto fail;
    }
    if (current && current->budget)
        current->budget->files++;
    struct source *s = sc_xcalloc(1, sizeof(*s));
    s->fd = fd;
    s->left = limit;
    s->path = sc_xstrdup(url);
    xmlParserInputBufferPtr buf = xmlParserInputBufferCreateIO(source_read, source_close, s,
                                                               XML_CHAR_ENCODING_NONE);
    if (!buf) {
        source_close(s);
        free(path);
        return NULL;
    }
    xmlParserInputPtr in = xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE);
    if (!in) {
        xmlFreeParserInputBuffer(buf);
        free(path);
        return NULL;
    }
    in->filename = (const char *)xmlStrdup(BAD_CAST url);
    in->directory = xmlParserGetDirectory(url);
    /* a whole document rather than an entity within one */
    if (ctxt && ctxt->inputNr == 0 && ctxt->sax)
        ctxt->sax->internalSubset = refuse_doctype;
    free(path);
    return in;

fail:
    if (fd >= 0)
        close(fd);
    free(path);
    return NULL;
}

void sc_xml_loader_install(void)
{
    xmlSetExternalEntityLoader(load);
}

void sc_xml_capture_error(void *capture, xmlErrorPtr e)
{
    struct sc_xml_capture *c = capture;
    xmlNodePtr node = e->node;
    const char *msg = e->message ? e->message : "error";
    const char *file = e->file;
    long line = e->line;
    size_t n = strlen(msg);

    if (e->level < XML_ERR_ERROR)
        return;
    if (!file && node && node->doc && node->doc->URL)
        file = (const char *)node->doc->URL;
    if (line <= 0 && node)
        line = xmlGetLineNo(node);
    if (!c->name || (file && (!strcmp(file, c->name) || !strcmp(file, c->name_uri))))
        file = NULL;
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    sc_diag_add_in(c->diags, file, line > 0 ? line : 0, "%.*s", (int)n, msg);
}

static void flush_pending(struct sc_xml_capture *c)
{
    size_t start = 0;

    for (size_t i = 0; i < c->pending.len; i++) {
        if (c->pending.data[i] == '\n') {
            if (i > start)
                sc_diag_add(c->diags, 0, "%.*s", (int)(i - start), c->pending.data + start);
            start = i + 1;
        }
    }
    memmove(c->pending.data, c->pending.data + start, c->pending.len - start + 1);
    c->pending.len -= start;
}

/* libxml2's generic error function: text in pieces, a line at a time. */
static void capture_generic(void *opaque, const char *fmt, ...)
{
    struct sc_xml_capture *c = opaque;
    va_list ap;

    va_start(ap, fmt);
    sc_buf_vprintf(&c->pending, fmt, ap);
    va_end(ap);
    flush_pending(c);
}

void sc_xml_capture_begin(struct sc_xml_capture *c, struct sc_diag_list *diags,
                          const char *name, struct sc_xml_budget *budget)
{
    memset(c, 0, sizeof(*c));
    c->diags = diags;
    c->budget = budget;
    if (name) {
        xmlChar *uri = xmlPathToURI(BAD_CAST name);
        c->name = sc_xstrdup(name);
        c->name_uri = sc_xstrdup(uri ? (const char *)uri : name);
        xmlFree(uri);
    }
    c->saved_serror = xmlStructuredError;
    c->saved_sctx = xmlStructuredErrorContext;
    c->saved_error = xmlGenericError;
    c->saved_ctx = xmlGenericErrorContext;
    c->outer = current;
    current = c;
    xmlSetStructuredErrorFunc(c, sc_xml_capture_error);
    xmlSetGenericErrorFunc(c, capture_generic);
}

void sc_xml_capture_end(struct sc_xml_capture *c)
{
    if (c->pending.len) {
        sc_buf_puts(&c->pending, "\n");
        flush_pending(c);
    }
    sc_buf_free(&c->pending);
    xmlSetStructuredErrorFunc(c->saved_sctx, c->saved_serror);
    xmlSetGenericErrorFunc(c->saved_ctx, c->saved_error);
    current = c->outer;
    free(c->name);
    free(c->name_uri);
}

xmlDocPtr sc_xml_read_file(const char *path, const char *name, struct sc_diag_list *diags,
                           struct sc_xml_budget *budget)
{
    struct sc_xml_capture c;
    xmlDocPtr doc;

    sc_xml_capture_begin(&c, diags, name, budget);
    doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    sc_xml_capture_end(&c);
    return doc;
}
