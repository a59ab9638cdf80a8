/*
 * fileio.c: whole-file reads and the directory walk used by
 * "snapcheck validate".
 */
#include "util/fileio.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/diag.h"

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

/* The bytes of FD, expected to be about HINT of them, into a buffer of
 * their own, NUL-terminated as read_stream's. */
static int read_fd(int fd, size_t hint, char **data, size_t *len)
{
    size_t cap = (hint < SC_MAX_FILE ? hint : SC_MAX_FILE) + 1, n = 0;
    char *buf = sc_xmalloc(cap + 1);

    for (;;) {
        if (n == cap) {
            cap = cap < 65536 ? 65536 : 2 * cap;
            buf = sc_xrealloc(buf, cap + 1);
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            free(buf);
            return -1;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        /* a regular file read short, at the size it had when opened: at
         * its end, without another read to be told so */
        if (hint && n == hint && n < cap)
            break;
        if (n > SC_MAX_FILE) {
            free(buf);
            errno = EFBIG;
            return -1;
        }
    }
    buf[n] = '\0';
    *len = n;
    *data = buf;
    return 0;
}

int sc_read_file(const char *path, char **data, size_t *len,
                 struct sc_diag *diag)
{
    struct stat st;
    int rc;

    if (strcmp(path, "-") == 0) {
        if (read_stream(stdin, data, len) == 0)
            return 0;
        sc_diag_set(diag, NULL, 0, "cannot read standard input: %s",
                 errno == EFBIG ? "more than 32 MiB, more than any snapshot document" : strerror(errno));
        return -1;
    }
    /* the file opened is the file examined: one open and one fstat, and
     * the bytes read straight into the buffer returned */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    int open_errno = errno;
    bool known = fd >= 0 ? fstat(fd, &st) == 0 : stat(path, &st) == 0;
    bool refused = known && (S_ISDIR(st.st_mode) ||
                             (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > SC_MAX_FILE));
    if (refused && S_ISDIR(st.st_mode))
        sc_diag_set(diag, NULL, 0, "is a directory, not a document");
    else if (refused)
        sc_diag_set(diag, NULL, 0, "is larger than %u MiB, more than any snapshot document; not read",
                 SC_MAX_FILE >> 20);
    else if (fd < 0)
        sc_diag_set(diag, NULL, 0, "cannot open: %s", strerror(open_errno));
    if (refused || fd < 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    rc = read_fd(fd, known && S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, data, len);
    if (rc < 0)
        sc_diag_set(diag, NULL, 0, "cannot read: %s",
                 errno == EFBIG ? "more than 32 MiB, more than any snapshot document" : strerror(errno));
    close(fd);
    return rc;
}

static int has_xml_suffix(const char *name)
{
    size_t n = strlen(name);

    return n > 4 && strcmp(name + n - 4, ".xml") == 0;
}

#define MAX_WALK_DEPTH 64

/* One walk: what it calls, and the directories it has entered, by
 * device and inode, so that none is walked twice (a bind mount can
 * make a tree a graph even without links). */
struct walk {
    bool xml_only;
    sc_walk_fn fn;
    sc_walk_warn_fn warn;
    void *opaque;
    struct { dev_t dev; ino_t ino; } *seen;
    size_t nseen, capseen;
    int depth;
};

/* Records ST's directory; false when it was already seen. */
static bool first_visit(struct walk *w, const struct stat *st)
{
    for (size_t i = 0; i < w->nseen; i++) {
        if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino)
            return false;
    }
    if (w->nseen == w->capseen) {
        w->capseen = w->capseen ? 2 * w->capseen : 16;
        w->seen = sc_xrealloc(w->seen, w->capseen * sizeof(*w->seen));
    }
    w->seen[w->nseen].dev = st->st_dev;
    w->seen[w->nseen++].ino = st->st_ino;
    return true;
}

static void warn(const struct walk *w, const char *path, const char *msg)
{
    struct sc_diag d = { .file = (char *)path, .severity = SC_SEV_WARNING, .msg = (char *)msg };

    if (w->warn)
        w->warn(&d, w->opaque);
    else
        sc_diag_print(stderr, NULL, &d);
}

static const char *kind_of(mode_t mode)
{
    return S_ISFIFO(mode) ? "a FIFO" : S_ISSOCK(mode) ? "a socket" :
           S_ISCHR(mode) ? "a character device" : S_ISBLK(mode) ? "a block device" :
           "not a regular file";
}

/* Walks DIR; a directory or file that cannot be examined does not stop
 * the walk: the first such problem is kept in *DIAG and -1 returned at
 * the end. */
static int walk_dir(struct walk *w, const char *dir, struct sc_diag *diag)
{
    struct dirent **names;
    int n, rc = 0, failed = 0;

    if (w->depth >= MAX_WALK_DEPTH) {
        sc_diag_set(diag, NULL, 0, "%s: directories nested too deep", dir);
        return -1;
    }
    if ((n = scandir(dir, &names, NULL, alphasort)) < 0) {
        sc_diag_set(diag, NULL, 0, "%s: cannot read directory: %s", dir, strerror(errno));
        return -1;
    }
    w->depth++;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        char *path = sc_xasprintf("%s/%s", dir, name);
        struct stat lst, st;
        bool wanted = !w->xml_only || has_xml_suffix(name);

        if (!rc && name[0] != '.' && names[i]->d_type == DT_REG) {
            /* the directory says a regular file: no need to examine it */
            if (wanted)
                rc = w->fn(path, w->opaque);
        } else if (rc || name[0] == '.' || lstat(path, &lst) < 0) {
            /* hidden, or gone since the directory was read */
        } else if (S_ISDIR(lst.st_mode)) {
            struct sc_diag sub = { 0 };
            if (first_visit(w, &lst) && walk_dir(w, path, &sub) < 0 && !failed++) {
                *diag = sub;    /* the first kept */
                sub = (struct sc_diag){ 0 };
            }
            sc_diag_clear(&sub);
        } else if (S_ISLNK(lst.st_mode) && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            warn(w, path, "a link to a directory; not followed");
        } else if (!wanted) {
            /* not a document */
        } else if (S_ISLNK(lst.st_mode) && stat(path, &st) < 0) {
            /* a dangling link is passed on, for the reader to report */
            rc = w->fn(path, w->opaque);
        } else if (!S_ISREG(S_ISLNK(lst.st_mode) ? st.st_mode : lst.st_mode)) {
            char *msg = sc_xasprintf("%s, not a document; skipped",
                                     kind_of(S_ISLNK(lst.st_mode) ? st.st_mode : lst.st_mode));
            warn(w, path, msg);
            free(msg);
        } else {
            rc = w->fn(path, w->opaque);
        }
        free(path);
        free(names[i]);
    }
    free(names);
    w->depth--;
    return rc ? rc : failed ? -1 : 0;
}

int sc_walk(const char *path, bool xml_only, sc_walk_fn fn, sc_walk_warn_fn warn_fn,
            void *opaque, struct sc_diag *diag)
{
    struct walk w = { .xml_only = xml_only, .fn = fn, .warn = warn_fn, .opaque = opaque };
    struct stat st;
    int rc;

    /* what the user names is followed, a link included */
    if (strcmp(path, "-") == 0 || stat(path, &st) < 0 || !S_ISDIR(st.st_mode))
        return fn(path, opaque);
    first_visit(&w, &st);
    rc = walk_dir(&w, path, diag);
    free(w.seen);
    return rc;
}

int sc_lock_dir(const char *dir, struct sc_diag *diag)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (fd < 0) {
        sc_diag_set(diag, NULL, 0, "cannot open %s: %s", dir, strerror(errno));
        return -1;
    }
    while (flock(fd, LOCK_EX) < 0) {
        if (errno != EINTR) {
            sc_diag_set(diag, NULL, 0, "cannot lock %s: %s", dir, strerror(errno));
            close(fd);
            return -1;
        }
    }
    return fd;
}

void sc_unlock_dir(int fd)
{
    if (fd >= 0)
        close(fd);   /* which releases the lock */
}

/* Temporary files are named with this prefix and six random characters,
 * short enough for any file name beside them; lint reports one a killed
 * run left behind. */
const char sc_temp_prefix[] = ".snapcheck-tmp.";

static int write_all(int fd, const char *data, size_t len)
{
    for (size_t done = 0; done < len;) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0) {
            errno = ENOSPC;
            return -1;
        }
        done += (size_t)n;
    }
    return 0;
}

/* The directory part of PATH ("." when it has none), newly allocated. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return sc_xstrdup(".");
    return slash == path ? sc_xstrdup("/") : sc_xasprintf("%.*s", (int)(slash - path), path);
}

/* Writes DATA to a new temporary file in DIR with MODE; returns its
 * name, or NULL with ERRBUF set (and nothing left behind). */
static char *write_temp(const char *dir, const char *path, const char *data, size_t len,
                        mode_t mode, struct sc_diag *diag)
{
    char *tmp = sc_xasprintf("%s/%sXXXXXX", dir, sc_temp_prefix);
    int fd = mkstemp(tmp);

    if (fd < 0) {
        sc_diag_set(diag, NULL, 0, "cannot create a file beside %s: %s", path, strerror(errno));
        free(tmp);
        return NULL;
    }
    if (write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0 || fsync(fd) < 0) {
        sc_diag_set(diag, NULL, 0, "cannot write %s: %s", path, strerror(errno));
        close(fd);
        unlink(tmp);
        free(tmp);
        return NULL;
    }
    if (close(fd) < 0) {
        sc_diag_set(diag, NULL, 0, "cannot write %s: %s", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return NULL;
    }
    return tmp;
}

static mode_t new_file_mode(void)
{
    mode_t mask = umask(0);

    umask(mask);
    return 0666 & ~mask;
}

/* The file a chain of symbolic links ends at (PATH itself when it is
 * none), newly allocated; NULL when the chain is too long.  A link
 * under /dev or /proc (/dev/stdout, /proc/self/fd/1) is not followed:
 * what it names is written through, as the shell opened it. */
static char *link_target(const char *path)
{
    char *target = sc_xstrdup(path);

    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        char buf[PATH_MAX];
        if (!strncmp(target, "/dev/", 5) || !strncmp(target, "/proc/", 6) ||
            lstat(target, &st) < 0 || !S_ISLNK(st.st_mode))
            return target;
        ssize_t n = readlink(target, buf, sizeof(buf) - 1);
        if (n < 0)
            return target;
        buf[n] = '\0';
        char *next;
        if (buf[0] == '/') {
            next = sc_xstrdup(buf);
        } else {
            char *dir = dir_of(target);
            next = sc_xasprintf("%s/%s", dir, buf);
            free(dir);
        }
        free(target);
        target = next;
    }
    free(target);
    return NULL;
}

/* Writes into what TARGET is, in place: a device, a pipe, a file we may
 * not give our own ownership to. */
static int write_through(const char *path, const char *target, const char *data, size_t len,
                         struct sc_diag *diag)
{
    int fd = open(target, O_WRONLY | O_TRUNC | O_CREAT | O_CLOEXEC, 0666);

    if (fd < 0) {
        sc_diag_set(diag, NULL, 0, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    if (write_all(fd, data, len) < 0) {
        sc_diag_set(diag, NULL, 0, "cannot write %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (close(fd) < 0) {
        sc_diag_set(diag, NULL, 0, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int sc_write_file(const char *path, const char *data, size_t len, struct sc_diag *diag)
{
    char *target = link_target(path), *dir = NULL, *tmp = NULL;
    struct stat st;
    int rc = -1;

    if (!target) {
        sc_diag_set(diag, NULL, 0, "cannot write %s: too many levels of symbolic links", path);
        return -1;
    }
    bool exists = stat(target, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        sc_diag_set(diag, NULL, 0, "cannot write %s: it is a directory", path);
        goto out;
    }
    if ((exists && !S_ISREG(st.st_mode)) || !strncmp(target, "/dev/", 5) ||
        !strncmp(target, "/proc/", 6)) {
        rc = write_through(path, target, data, len, diag);
        goto out;
    }
    dir = dir_of(target);
    tmp = write_temp(dir, path, data, len, exists ? st.st_mode & 07777 : new_file_mode(),
                     diag);
    if (!tmp)
        goto out;
    /* a file keeps its owner; where we cannot give it that owner, it is
     * rewritten in place instead */
    if (exists && (st.st_uid != geteuid() || st.st_gid != getegid()) &&
        chown(tmp, st.st_uid, st.st_gid) < 0) {
        unlink(tmp);
        rc = write_through(path, target, data, len, diag);
        goto out;
    }
    if (rename(tmp, target) < 0) {
        sc_diag_set(diag, NULL, 0, "cannot write %s: %s", path, strerror(errno));
        unlink(tmp);
        goto out;
    }
    rc = 0;
out:
    free(tmp);
    free(dir);
    free(target);
    return rc;
}

int sc_write_file_new(const char *path, const char *data, size_t len,
                      struct sc_diag *diag)
{
    char *dir = dir_of(path);
    char *tmp = write_temp(dir, path, data, len, new_file_mode(), diag);
    int rc = 0;

    free(dir);
    if (!tmp)
        return -1;
    /* link(2), unlike rename(2), fails rather than replace PATH */
    if (link(tmp, path) < 0) {
        sc_diag_set(diag, NULL, 0, "cannot create %s: %s", path, strerror(errno));
        rc = -1;
    }
    unlink(tmp);
    free(tmp);
    return rc;
}
