/*
 * fileio.c: whole-file reads and the directory walk used by
 * "snapcheck validate".
 */
#include "fileio.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

static int read_stream(FILE *f, char **data, size_t *len)
{
    struct sc_buf b = { 0 };
    char chunk[65536];
    size_t n;

    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        sc_buf_add(&b, chunk, n);
        if (b.len > SC_MAX_FILE) {
            sc_buf_free(&b);
            errno = EFBIG;
            return -1;
        }
    }
    if (ferror(f)) {
        sc_buf_free(&b);
        return -1;
    }
    *len = b.len;
    *data = sc_buf_steal(&b);
    return 0;
}

int sc_read_file(const char *path, char **data, size_t *len,
                 char *errbuf, size_t errlen)
{
    struct stat st;
    FILE *f;
    int rc;

    if (strcmp(path, "-") == 0) {
        if (read_stream(stdin, data, len) == 0)
            return 0;
        snprintf(errbuf, errlen, "cannot read standard input: %s",
                 errno == EFBIG ? "more than 32 MiB, more than any snapshot document" : strerror(errno));
        return -1;
    }
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(errbuf, errlen, "is a directory, not a document");
        return -1;
    }
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > SC_MAX_FILE) {
        snprintf(errbuf, errlen, "is larger than %u MiB, more than any snapshot document; not read",
                 SC_MAX_FILE >> 20);
        return -1;
    }
    if (!(f = fopen(path, "rb"))) {
        snprintf(errbuf, errlen, "cannot open: %s", strerror(errno));
        return -1;
    }
    rc = read_stream(f, data, len);
    if (rc < 0)
        snprintf(errbuf, errlen, "cannot read: %s",
                 errno == EFBIG ? "more than 32 MiB, more than any snapshot document" : strerror(errno));
    fclose(f);
    return rc;
}

static int has_xml_suffix(const char *name)
{
    size_t n = strlen(name);

    return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

#define MAX_WALK_DEPTH 64

/* The directories being walked, outermost first: a link back to one of
 * them would loop and is not followed. */
struct walk_stack {
    dev_t dev[MAX_WALK_DEPTH + 1];
    ino_t ino[MAX_WALK_DEPTH + 1];
    int n;
};

static bool on_stack(const struct walk_stack *s, const struct stat *st)
{
    for (int i = 0; i < s->n; i++) {
        if (s->dev[i] == st->st_dev && s->ino[i] == st->st_ino)
            return true;
    }
    return false;
}

/* Walks DIR; a directory or file that cannot be examined does not stop
 * the walk: the first such problem is kept in ERRBUF and -1 returned at
 * the end. */
static int walk_dir(const char *dir, bool xml_only, sc_walk_fn fn, void *opaque,
                    char *errbuf, size_t errlen, struct walk_stack *stack)
{
    struct dirent **names;
    struct stat self;
    int n, rc = 0, failed = 0;

    if (stack->n > MAX_WALK_DEPTH) {
        snprintf(errbuf, errlen, "%s: directories nested too deep", dir);
        return -1;
    }
    if (stat(dir, &self) < 0 || (n = scandir(dir, &names, NULL, alphasort)) < 0) {
        snprintf(errbuf, errlen, "%s: cannot read directory: %s", dir, strerror(errno));
        return -1;
    }
    stack->dev[stack->n] = self.st_dev;
    stack->ino[stack->n++] = self.st_ino;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        char *path = sc_xasprintf("%s/%s", dir, name);
        struct stat st;

        if (rc == 0 && name[0] != '.') {
            if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
                char sub[512];
                if (!on_stack(stack, &st) &&
                    walk_dir(path, xml_only, fn, opaque, sub, sizeof(sub), stack) < 0 && !failed++)
                    snprintf(errbuf, errlen, "%s", sub);
            } else if (!xml_only || has_xml_suffix(name)) {
                /* a file that cannot be examined (a dangling link) is
                 * passed on too, for the reader to report */
                rc = fn(path, opaque);
            }
        }
        free(path);
        free(names[i]);
    }
    free(names);
    stack->n--;
    return rc ? rc : failed ? -1 : 0;
}

int sc_walk(const char *path, bool xml_only, sc_walk_fn fn, void *opaque,
            char *errbuf, size_t errlen)
{
    struct walk_stack stack = { .n = 0 };
    struct stat st;

    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return walk_dir(path, xml_only, fn, opaque, errbuf, errlen, &stack);
    return fn(path, opaque);
}

/* Writes DATA to a new temporary file beside PATH; returns its name, or
 * NULL with ERRBUF set (and nothing left behind). */
static char *write_temp(const char *path, const char *data, size_t len,
                        char *errbuf, size_t errlen)
{
    const char *slash = strrchr(path, '/');
    char *tmp = slash ? sc_xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1)
                      : sc_xasprintf(".%s.XXXXXX", path);
    mode_t mask = umask(0);
    int fd;

    umask(mask);
    if ((fd = mkstemp(tmp)) < 0) {
        snprintf(errbuf, errlen, "cannot create a file beside %s: %s", path, strerror(errno));
        free(tmp);
        return NULL;
    }
    for (size_t done = 0; done < len;) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            goto fail;
        done += (size_t)n;
    }
    if (fchmod(fd, 0666 & ~mask) < 0 || fsync(fd) < 0)
        goto fail;
    if (close(fd) < 0) {
        fd = -1;
        goto fail;
    }
    return tmp;
fail:
    snprintf(errbuf, errlen, "cannot write %s: %s", path, strerror(errno));
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return NULL;
}

int sc_write_file_atomic(const char *path, const char *data, size_t len,
                         char *errbuf, size_t errlen)
{
    char *tmp = write_temp(path, data, len, errbuf, errlen);
    int rc = 0;

    if (!tmp)
        return -1;
    if (rename(tmp, path) < 0) {
        snprintf(errbuf, errlen, "cannot write %s: %s", path, strerror(errno));
        unlink(tmp);
        rc = -1;
    }
    free(tmp);
    return rc;
}

int sc_write_file_new(const char *path, const char *data, size_t len,
                      char *errbuf, size_t errlen)
{
    char *tmp = write_temp(path, data, len, errbuf, errlen);
    int rc = 0;

    if (!tmp)
        return -1;
    /* link(2), unlike rename(2), fails rather than replace PATH */
    if (link(tmp, path) < 0) {
        snprintf(errbuf, errlen, "cannot create %s: %s", path, strerror(errno));
        rc = -1;
    }
    unlink(tmp);
    free(tmp);
    return rc;
}
