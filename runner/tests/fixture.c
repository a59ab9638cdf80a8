/*
 * tests/fixture.c: the suite every test reads, the scratch directory of
 * the run, and the files and shell steps tests make in it
 * (tests/fixture.h).
 */
#include "tests/fixture.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"
#include "model/states.h"
#include "util/fileio.h"
#include "schema/schema.h"

struct sc_suite *harness_suite;
/* the scratch directory: under SNAPCHECK_SCRATCH (make check sets it
 * to one in the build tree), else under TMPDIR or /tmp */
static char *tmpdir;

static void remove_tmpdir(void)
{
    char *cmd = sc_xasprintf("rm -rf '%s'", tmpdir);

    if (system(cmd) != 0)
        fprintf(stderr, "harness: could not remove %s\n", tmpdir);
    free(cmd);
    free(tmpdir);
}

bool harness_fixture_start(void)
{
    const char *base = getenv("SNAPCHECK_SCRATCH");

    if (!base || !*base)
        base = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    if (mkdir(base, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "harness: cannot make %s: %s\n", base, strerror(errno));
        return false;
    }
    tmpdir = sc_xasprintf("%s/snapcheck-check.XXXXXX", base);
    if (!mkdtemp(tmpdir)) {
        fprintf(stderr, "harness: cannot make a directory in %s: %s\n", base, strerror(errno));
        free(tmpdir);
        tmpdir = NULL;
        return false;
    }
    atexit(remove_tmpdir);
    return true;
}

const char *harness_tmpdir(void)
{
    return tmpdir;
}

char *harness_tmp_path(const char *name)
{
    return sc_xasprintf("%s/%s", tmpdir, name);
}

char *harness_slurp(const char *path)
{
    struct sc_diag diag = { 0 };
    char *data = NULL;
    size_t len;

    if (sc_read_file(path, &data, &len, &diag) < 0)
        fail_msg("%s: %s", path, diag.msg);
    return data;
}

char *harness_write(const char *dir, const char *name, const char *text)
{
    char *path = sc_xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    return path;
}

char *harness_write_bytes(const char *name, const void *data, size_t len)
{
    char *path = harness_tmp_path(name);
    FILE *f = fopen(path, "wb");

    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

char *harness_scratch_copy(const char *name, const char *const *parts)
{
    char *dir = harness_tmp_path(name);
    struct sc_buf cmd = { 0 };

    sc_buf_printf(&cmd, "mkdir '%s' && cp -R", dir);
    for (size_t i = 0; parts[i]; i++)
        sc_buf_printf(&cmd, " '%s/%s'", harness_suite->layout.datadir, parts[i]);
    sc_buf_printf(&cmd, " '%s/'", dir);
    assert_int_equal(system(cmd.data), 0);
    sc_buf_free(&cmd);
    return dir;
}

char *harness_scratch_tree(const char *name)
{
    return harness_scratch_copy(name, (const char *[]){ "rng", "cases", "golden", NULL });
}

size_t harness_file_size(const char *path)
{
    struct stat st;

    assert_int_equal(stat(path, &st), 0);
    return (size_t)st.st_size;
}

int harness_sh_in(const char *dir, const char *prelude, const char *script, char **log)
{
    /* the script and its log live in the run's scratch directory, not in
     * DIR: a step that runs make check in DIR runs steps of its own */
    static unsigned steps;
    char *body = sc_xasprintf("%s\n%s\n", prelude, script);
    char *name = sc_xasprintf("step-%u.sh", ++steps);
    char *file = harness_write(tmpdir, name, body);
    char *out = sc_xasprintf("%s.log", file);
    char *cmd = sc_xasprintf("cd '%s' && sh -e '%s' > '%s' 2>&1", dir, file, out);
    int status = system(cmd);

    *log = harness_slurp(out);
    unlink(file);
    unlink(out);
    free(out);
    free(cmd);
    free(file);
    free(name);
    free(body);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

size_t harness_libvirt_schema_lacks(enum sc_profile profile, char **names)
{
    int old = sc_profile_find("libvirt-0.9.5"), schema = sc_profile_find("libvirt-9.0");
    struct sc_buf b = { 0 };
    size_t n = 0;

    assert_true(old >= 0 && schema >= 0);
    sc_buf_puts(&b, "");
    for (int i = 0; i < SC_STATE_LAST; i++) {
        enum sc_state st = (enum sc_state)i;
        if (sc_state_accepted_in(st, profile) &&
            !(sc_state_accepted_in(st, (enum sc_profile)old) && sc_state_accepted_in(st, (enum sc_profile)schema))) {
            sc_buf_printf(&b, "%s ", sc_state_to_string(st));
            n++;
        }
    }
    if (names)
        *names = b.data;
    else
        sc_buf_free(&b);
    return n;
}

char *harness_schema_verdict(const struct sc_schema *schema, xmlDocPtr doc)
{
    struct sc_diag_list diags = { 0 };
    struct sc_buf b = { 0 };

    assert_non_null(doc);
    sc_schema_validate(schema, doc, &diags);
    sc_buf_puts(&b, "");
    for (size_t i = 0; i < diags.n; i++)
        sc_buf_printf(&b, "%ld: %s\n", diags.v[i].line, diags.v[i].msg);
    sc_diag_list_free(&diags);
    xmlFreeDoc(doc);
    return sc_buf_steal(&b);
}
