/*
 * datadir.c: finding the data directory, telling an installed one
 * apart, and the layout of a suite's files (see datadir.h).
 */
#include "util/datadir.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"

#ifndef SC_INSTALL_DATADIR
#define SC_INSTALL_DATADIR "/usr/local/share/snapcheck"
#endif
#ifndef SC_INSTALLED_MARKER
#define SC_INSTALLED_MARKER ".snapcheck-installed"
#endif

char *sc_data_rng(const char *datadir, const char *name)
{
    return sc_xasprintf("%s/rng/%s", datadir, name);
}

bool sc_is_data_dir(const char *dir)
{
    char *p = sc_data_rng(dir, SC_SCHEMA_FILE);
    bool ok = access(p, R_OK) == 0;

    free(p);
    return ok;
}

/* The directory the running binary is in, or NULL. */
static char *binary_dir(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    char *slash;

    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    if (!(slash = strrchr(exe, '/')))
        return NULL;
    return sc_xasprintf("%.*s", (int)(slash - exe), exe);
}

/* BIN/REL with links and dots resolved, when it is a data directory. */
static char *data_dir_from_binary(const char *rel)
{
    char *bin = binary_dir(), *path, *real;

    if (!bin)
        return NULL;
    path = sc_xasprintf("%s/%s", bin, rel);
    real = realpath(path, NULL);
    free(path);
    free(bin);
    if (real && !sc_is_data_dir(real)) {
        free(real);
        real = NULL;
    }
    return real;
}

char *sc_install_data_dir(void)
{
    return sc_xstrdup(SC_INSTALL_DATADIR);
}

char *sc_beside_data_dir(void)
{
    char *bin = binary_dir(), *dir;

    if (!bin)
        return NULL;
    /* BIN/.. as a name, not resolved: the directory need not exist */
    char *slash = strrchr(bin, '/');
    dir = sc_xasprintf("%.*s/share/snapcheck", slash ? (int)(slash - bin) : 0, bin);
    free(bin);
    return dir;
}

char *sc_data_dir(void)
{
    const char *env = getenv("SNAPCHECK_DATADIR");
    char *dir;

    if (env && *env)
        return sc_xstrdup(env);
    /* built in the source tree, the binary sits in runner/ (or build-*) */
    if ((dir = data_dir_from_binary("..")))
        return dir;
    /* installed, then moved with its prefix: bin/ and share/ together */
    if ((dir = data_dir_from_binary("../share/snapcheck")))
        return dir;
    return sc_install_data_dir();
}

const char sc_installed_marker[] = SC_INSTALLED_MARKER;

/* Whether PATH (resolved) or a directory above it holds the marker. */
static bool marked(const char *path)
{
    char *p = sc_xstrdup(path);
    bool found = false;

    while (!found && *p) {
        char *marker = sc_xasprintf("%s/%s", p, sc_installed_marker);
        found = access(marker, F_OK) == 0;
        free(marker);
        *strrchr(p, '/') = '\0';   /* "/a/b" to "/a" to "" */
    }
    free(p);
    return found;
}

/* Whether PATH (resolved) is DIR (resolved) or inside it. */
static bool is_within(const char *path, const char *dir)
{
    char *d = dir ? realpath(dir, NULL) : NULL;
    bool in = false;

    if (d) {
        size_t n = strlen(d);
        in = strncmp(path, d, n) == 0 && (path[n] == '\0' || path[n] == '/' || n == 1);
        free(d);
    }
    return in;
}

bool sc_is_installed(const char *path)
{
    char *real = realpath(path, NULL);
    char *installed = sc_install_data_dir(), *beside = sc_beside_data_dir();
    bool in = real && (is_within(real, installed) || is_within(real, beside) || marked(real));

    free(real);
    free(installed);
    free(beside);
    return in;
}

char *sc_default_schema_path(void)
{
    char *dir = sc_data_dir();
    char *p = sc_data_rng(dir, SC_SCHEMA_FILE);

    free(dir);
    return p;
}

void sc_layout_builtin(struct sc_layout *l, const char *datadir)
{
    *l = (struct sc_layout){
        .datadir = sc_xstrdup(datadir),
        .cases = sc_xasprintf("%s/cases", datadir),
        .manifest = sc_xasprintf("%s/cases/manifest.xml", datadir),
        .golden = sc_xasprintf("%s/" SC_GOLDEN_DIR, datadir),
    };
}

void sc_layout_project(struct sc_layout *l, const char *dir, const char *datadir)
{
    size_t n = strlen(dir);

    /* "DIR/" and "DIR" name the same suite, and its paths one way */
    while (n > 1 && dir[n - 1] == '/')
        n--;
    *l = (struct sc_layout){
        .datadir = sc_xstrdup(datadir),
        .cases = sc_xasprintf("%.*s", (int)n, dir),
        .manifest = sc_xasprintf("%.*s/manifest.xml", (int)n, dir),
        .golden = sc_xasprintf("%.*s/" SC_GOLDEN_DIR, (int)n, dir),
        .project = true,
    };
}

void sc_layout_copy(struct sc_layout *to, const struct sc_layout *from)
{
    *to = (struct sc_layout){
        .datadir = sc_xstrdup(from->datadir),
        .cases = sc_xstrdup(from->cases),
        .manifest = sc_xstrdup(from->manifest),
        .golden = sc_xstrdup(from->golden),
        .project = from->project,
    };
}

void sc_layout_clear(struct sc_layout *l)
{
    free(l->datadir);
    free(l->cases);
    free(l->manifest);
    free(l->golden);
    memset(l, 0, sizeof(*l));
}

char *sc_layout_input(const struct sc_layout *l, bool valid, const char *id)
{
    return sc_xasprintf("%s/%s/%s.xml", l->cases, valid ? SC_VALID_DIR : SC_INVALID_DIR, id);
}

char *sc_layout_golden(const struct sc_layout *l, const char *id)
{
    return sc_layout_golden_in(l, NULL, id);
}

char *sc_layout_golden_in(const struct sc_layout *l, const char *sub, const char *id)
{
    return sub ? sc_xasprintf("%s/%s/%s.xml", l->golden, sub, id) : sc_xasprintf("%s/%s.xml", l->golden, id);
}

char *sc_layout_rng(const struct sc_layout *l, const char *name)
{
    return sc_data_rng(l->datadir, name);
}

const char *sc_layout_shown(const struct sc_layout *l, const char *path)
{
    size_t n = strlen(l->datadir);

    if (!l->project && strncmp(path, l->datadir, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

const char *sc_layout_dir(const struct sc_layout *l)
{
    return l->project ? l->cases : l->datadir;
}
