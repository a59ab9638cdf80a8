/*
 * tests/hostile.c: documents nobody reviewed.  Each hostile input must
 * end with a clear message naming the file, its own exit status (1 for a
 * document refused, 2 for one that cannot be read), and bounded memory;
 * nothing outside the input is read and nothing is fetched.
 */
#include "tests/harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"
#include "tests/impls.h"

#define MEMORY_BOUND_MB 256

/* Writes N bytes of PREFIX, FILL repeated, SUFFIX to the scratch file NAME. */
static char *write_filled(const char *name, const char *prefix, char fill, size_t n,
                          const char *suffix)
{
    char *path = harness_tmp_path(name);
    FILE *f = fopen(path, "wb");
    char block[65536];

    assert_non_null(f);
    memset(block, fill, sizeof(block));
    fputs(prefix, f);
    for (size_t left = n; left;) {
        size_t k = left < sizeof(block) ? left : sizeof(block);
        assert_int_equal(fwrite(block, 1, k, f), k);
        left -= k;
    }
    fputs(suffix, f);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* Runs "snapcheck COMMAND PATH" and checks status, message and memory. */
static void expect(const char *command, const char *path, int status, const char *message)
{
    struct tool_result r = harness_tool((const char *[]){ command, path, NULL }, NULL, NULL);

    if (r.status != status || !strstr(r.err, message) || !strstr(r.err, path))
        fail_msg("snapcheck %s %s: exit %d (expected %d), stderr:\n%s(expected a message naming the "
                 "file and saying \"%s\")", command, path, r.status, status, r.err, message);
    /* A child starts as a copy of the harness and its peak counts that
     * copy (large under AddressSanitizer): the bound is over the
     * harness's own peak. */
    struct rusage self;
    getrusage(RUSAGE_SELF, &self);
    if ((r.maxrss_kib - self.ru_maxrss) / 1024 >= MEMORY_BOUND_MB)
        fail_msg("snapcheck %s %s peaked at %ld MB (the harness at %ld MB)", command, path,
                 r.maxrss_kib / 1024, self.ru_maxrss / 1024);
    harness_tool_free(&r);
}

static const char *const valid_body = "<name>x</name><state>running</state><creationTime>1</creationTime>";

static void test_external_entity_is_never_read(void **state)
{
    char *doc = sc_xasprintf("<?xml version='1.0'?>\n<!DOCTYPE domainsnapshot [\n"
                             "<!ENTITY leak SYSTEM 'file:///etc/passwd'>]>\n"
                             "<domainsnapshot><name>&leak;</name><description>&leak;</description>"
                             "<state>running</state><creationTime>1</creationTime></domainsnapshot>\n");
    char *path = harness_write_bytes("xxe.xml", doc, strlen(doc));
    struct tool_result r = harness_tool((const char *[]){ "format", "--redefine", path, NULL }, NULL, NULL);

    (void)state;
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "a DOCTYPE declaration is not allowed"));
    assert_null(strstr(r.out, "root:"));
    assert_null(strstr(r.err, "root:"));
    harness_tool_free(&r);
    expect("validate", path, 1, ":2: error: a DOCTYPE declaration is not allowed");
    free(path);
    free(doc);
}

static void test_network_is_never_used(void **state)
{
    const char *dtd = "<!DOCTYPE domainsnapshot SYSTEM 'http://192.0.2.1/snapshot.dtd'>\n"
                      "<domainsnapshot><name>x</name></domainsnapshot>\n";
    char *doc = harness_write_bytes("net-dtd.xml", dtd, strlen(dtd));
    char *rng = harness_write(harness_tmpdir(), "net.rng",
        "<grammar xmlns='http://relaxng.org/ns/structure/1.0'>\n"
        "  <include href='http://192.0.2.1/domainsnapshot.rng'/>\n</grammar>\n");
    char *good = sc_layout_golden(&harness_suite->layout, harness_suite->manifest->v[0].id);

    (void)state;
    expect("validate", doc, 1, "a DOCTYPE declaration is not allowed");
    struct tool_result r = harness_tool((const char *[]){ "validate", "--schema", rng, good, NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, rng));
    assert_non_null(strstr(r.err, "network"));
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "parity", "--schema", rng, NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "cannot load 'http://192.0.2.1/domainsnapshot.rng'"));
    harness_tool_free(&r);
    free(good);
    free(rng);
    free(doc);
}

static void test_entity_expansion_is_refused(void **state)
{
    struct sc_buf b = { 0 };

    (void)state;
    sc_buf_puts(&b, "<?xml version='1.0'?>\n<!DOCTYPE domainsnapshot [\n<!ENTITY l0 'lol'>\n");
    for (int i = 1; i < 10; i++)
        sc_buf_printf(&b, "<!ENTITY l%d '&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;'>\n",
                      i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
    sc_buf_puts(&b, "]>\n<domainsnapshot><name>&l9;</name></domainsnapshot>\n");
    char *path = harness_write_bytes("laughs.xml", b.data, b.len);
    expect("validate", path, 1, "a DOCTYPE declaration is not allowed");
    sc_buf_free(&b);
    free(path);
}

static void test_deep_nesting(void **state)
{
    struct sc_buf b = { 0 };

    (void)state;
    sc_buf_puts(&b, "<domainsnapshot><cookie>");
    for (int i = 0; i < 100000; i++)
        sc_buf_puts(&b, "<a>");
    for (int i = 0; i < 100000; i++)
        sc_buf_puts(&b, "</a>");
    sc_buf_puts(&b, "</cookie></domainsnapshot>\n");
    char *path = harness_write_bytes("deep.xml", b.data, b.len);
    expect("validate", path, 1, "Excessive depth in document");
    sc_buf_free(&b);
    free(path);
}

static void test_huge_text(void **state)
{
    char *huge = write_filled("huge.xml", "<domainsnapshot><description>", 'x', 100u << 20,
                              "</description></domainsnapshot>\n");
    /* under the limit: read, and judged on its one real fault */
    char *large = write_filled("large.xml", "<domainsnapshot><name>x</name><creationTime>1</creationTime>"
                               "<description>", 'x', 20u << 20,
                               "</description>\n<state>Running</state></domainsnapshot>\n");

    (void)state;
    expect("validate", huge, 2, "is larger than 32 MiB");
    expect("validate", large, 1, ":2: error: Invalid state 'Running' in domain snapshot XML");
    unlink(huge);
    unlink(large);
    free(huge);
    free(large);
}

static void test_broken_bytes(void **state)
{
    static const struct {
        const char *name, *data;
        size_t len;
        const char *message;
    } inputs[] = {
        { "utf8.xml", "<domainsnapshot><name>\xff\xfe</name></domainsnapshot>", 44, "not proper UTF-8" },
        { "nul.xml", "<domainsnapshot><name>a\0b</name></domainsnapshot>", 42, "a NUL byte, which no XML document holds" },
        { "truncated.xml", "<domainsnapshot><name>x</na", 27, ":1: error:" },
        { "binary.xml", "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0", 20, "error:" },
        { "empty.xml", "", 0, ":1: error: empty document" },
        /* after the root element: whitespace, comments and PIs only */
        { "after-nul.xml", "<domainsnapshot><name>x</name><state>running</state><creationTime>1"
                           "</creationTime></domainsnapshot>\n\0\x01junk", 106, ":2: error: a NUL byte" },
        { "after-junk.xml", "<domainsnapshot><name>x</name><state>running</state><creationTime>1"
                            "</creationTime></domainsnapshot>\n<!-- c --><?p?>\njunk", 120,
          ":3: error: Extra content at the end of the document" },
    };

    (void)state;
    for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
        char *path = harness_write_bytes(inputs[i].name, inputs[i].data, inputs[i].len);
        expect("validate", path, 1, inputs[i].message);
        free(path);
    }
    /* an implementation's right answer followed by a NUL and junk is not right */
    char *ref = harness_reference_impl(), *guard = harness_smoke_guard();
    char *impl = sc_xasprintf("%s; %s; s=$?; printf '\\000junk'; exit $s", guard, ref);
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, "--filter",
                                                          harness_suite->manifest->v[0].id, NULL }, NULL, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "a NUL byte"));
    harness_tool_free(&r);
    free(impl);
    free(guard);
    free(ref);
}

static void test_unreadable_inputs(void **state)
{
    char *file = harness_write_bytes("secret.xml", valid_body, strlen(valid_body));

    (void)state;
    expect("format", harness_tmpdir(), 2, "is a directory");
    /* a walk reports a dangling link and does not follow a loop of links */
    char *dir = harness_tmp_path("links");
    char *cmd = sc_xasprintf("mkdir '%s' && ln -s /nonexistent '%s/gone.xml' && ln -s '%s' '%s/loop'",
                             dir, dir, dir, dir);
    assert_int_equal(system(cmd), 0);
    struct tool_result r = harness_tool((const char *[]){ "validate", dir, NULL }, NULL, NULL);
    char *gone = sc_xasprintf("%s/gone.xml: error: cannot open", dir);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, gone));
    assert_null(strstr(strstr(r.err, gone) + strlen(gone), "gone.xml"));   /* once, not per loop */
    harness_tool_free(&r);
    free(gone);
    free(cmd);
    free(dir);
    /* root reads a mode-000 file anyway; /proc/self/mem opens but cannot be read */
    if (geteuid() != 0) {
        assert_int_equal(chmod(file, 0), 0);
        expect("format", file, 2, "cannot open");
    } else {
        expect("format", "/proc/self/mem", 2, "cannot read");
    }
    free(file);
}

/* Runs a shell command line in which $SNAPCHECK is the tool (under
 * SNAPCHECK_WRAPPER, as harness_tool runs it). */
static int shell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int shell(const char *fmt, ...)
{
    struct sc_buf cmd = { 0 };
    const char *wrapper = getenv("SNAPCHECK_WRAPPER");
    char *tool = realpath(getenv("SNAPCHECK_TOOL"), NULL);
    va_list ap;

    assert_non_null(tool);
    sc_buf_printf(&cmd, "SNAPCHECK='%s %s'; ", wrapper ? wrapper : "", tool);
    free(tool);
    va_start(ap, fmt);
    sc_buf_vprintf(&cmd, fmt, ap);
    va_end(ap);
    int rc = system(cmd.data);
    sc_buf_free(&cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : 128 + WTERMSIG(rc);
}

/* -o writes where the user points, as other tools do: through a link
 * (kept), a device or a pipe; an existing file keeps its mode (and, as
 * root, its owner); a full disk is an error; a long name works. */
static void test_writes_go_where_the_user_points(void **state)
{
    const char *t = harness_tmpdir();
    char *good = sc_layout_golden(&harness_suite->layout, harness_suite->manifest->v[0].id);
    char *target = sc_xasprintf("%s/report-target.txt", t), *link = sc_xasprintf("%s/report-link.txt", t);
    struct stat st;

    (void)state;
    /* a link to a 0600 file: the file is rewritten, the link stays */
    assert_int_equal(shell("printf old > '%s' && chmod 600 '%s' && ln -s report-target.txt '%s'",
                           target, target, link), 0);
    struct tool_result r = harness_tool((const char *[]){ "validate", "-o", link, good, NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    harness_tool_free(&r);
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat(target, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    char *text = harness_slurp(target);
    assert_non_null(strstr(text, "1 passed, 0 failed, 0 errors, 0 skipped"));
    free(text);
    /* as root, the owner stays too */
    if (geteuid() == 0) {
        assert_int_equal(chown(target, 65534, 65534), 0);
        r = harness_tool((const char *[]){ "validate", "-o", target, good, NULL }, NULL, NULL);
        assert_int_equal(r.status, 0);
        harness_tool_free(&r);
        assert_int_equal(stat(target, &st), 0);
        assert_int_equal(st.st_uid, 65534);
        assert_int_equal(st.st_mode & 07777, 0600);
    }
    /* a device is written through and stays a device */
    r = harness_tool((const char *[]){ "validate", "-o", "/dev/null", good, NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    harness_tool_free(&r);
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    /* a full disk is an error, for -o and for standard output */
    r = harness_tool((const char *[]){ "validate", "-o", "/dev/full", good, NULL }, NULL, NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "/dev/full"));
    assert_non_null(strstr(r.err, "No space left on device"));
    harness_tool_free(&r);
    assert_int_equal(shell("$SNAPCHECK states > /dev/full 2>/dev/null"), 2);
    assert_int_equal(shell("$SNAPCHECK validate '%s' > /dev/full 2>/dev/null", good), 2);
    /* a pipe is written through, /dev/stdout too */
    assert_int_equal(shell("cd '%s' && mkfifo report.fifo && { cat report.fifo > fifo.out & } && "
                           "$SNAPCHECK validate -o report.fifo '%s' > /dev/null && wait && grep -q '^1 passed' fifo.out",
                           t, good), 0);
    assert_int_equal(shell("cd '%s' && $SNAPCHECK validate -o /dev/stdout '%s' | grep -q '^1 passed'", t, good), 0);
    /* a 250-character name */
    char name[251];
    memset(name, 'n', 250);
    name[250] = '\0';
    char *longpath = sc_xasprintf("%s/%s", t, name);
    r = harness_tool((const char *[]){ "validate", "-o", longpath, good, NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    harness_tool_free(&r);
    assert_int_equal(stat(longpath, &st), 0);
    free(longpath);
    free(link);
    free(target);
    free(good);
}

/* A walk stays inside what it was given: links to directories are not
 * followed (a link to / or a lattice of links would walk far or for
 * ever), links to files are, and a FIFO is skipped, not read. */
static void test_walks_stay_inside(void **state)
{
    const char *t = harness_tmpdir();
    char *good = sc_layout_golden(&harness_suite->layout, harness_suite->manifest->v[0].id);

    (void)state;
    assert_int_equal(shell("cd '%s' && mkdir hostile-walk && cd hostile-walk && cp '%s' a.xml && ln -s a.xml link.xml && "
                           "ln -s / root && mkfifo fifo.xml && p=.; for i in $(seq 41); do "
                           "mkdir $p/n && ln -s n $p/l1 && ln -s n $p/l2 && p=$p/n; done && cp a.xml $p/deep.xml",
                           t, good), 0);
    char *dir = sc_xasprintf("%s/hostile-walk", t);
    /* a timeout turns a hang into a failure, whatever the machine's speed */
    assert_int_equal(shell("timeout 120 $SNAPCHECK validate '%s' > '%s/walk.out' 2> '%s/walk.err'", dir, t, t), 0);
    char *out = sc_xasprintf("%s/walk.out", t), *err = sc_xasprintf("%s/walk.err", t);
    char *text = harness_slurp(out), *warnings = harness_slurp(err);
    assert_string_equal(text, "3 valid, 0 invalid\n");
    char *fifo = sc_xasprintf("%s/fifo.xml: warning: a FIFO, not a document; skipped", dir);
    char *root = sc_xasprintf("%s/root: warning: a link to a directory; not followed", dir);
    assert_non_null(strstr(warnings, fifo));
    assert_non_null(strstr(warnings, root));
    free(root);
    free(fifo);
    free(warnings);
    free(text);
    free(err);
    free(out);
    free(dir);
    free(good);
}

/* What a killed write leaves behind is reported by lint. */
static void test_lint_reports_leftover_temporaries(void **state)
{
    char *tree = harness_scratch_tree("leftovers");

    (void)state;
    assert_int_equal(shell("cd '%s' && : > golden/.snapcheck-tmp.Ab12Cd && : > cases/.manifest.xml.x1Y2z3 && "
                           "mkfifo cases/pipe.xml", tree), 0);
    struct tool_result r = harness_tool((const char *[]){ "lint", NULL }, NULL, tree);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "golden/.snapcheck-tmp.Ab12Cd: error: a temporary file"));
    assert_non_null(strstr(r.err, "cases/.manifest.xml.x1Y2z3: error: a temporary file"));
    assert_non_null(strstr(r.err, "cases/pipe.xml: error: a FIFO, not a document"));
    harness_tool_free(&r);
    free(tree);
}

/* Runs "snapcheck COMMAND PATH" on a document beyond snapcheck's
 * bounds: it is not judged (exit 2), and costs little. */
static void expect_beyond(const char *name, const struct sc_buf *doc, const char *what)
{
    char *path = harness_write_bytes(name, doc->data, doc->len);

    harness_progress("validate and format %s (%zu bytes)", name, doc->len);
    expect("validate", path, 2, what);
    expect("format", path, 2, what);
    unlink(path);
    free(path);
}

/* Shapes on which libxml2's parser or validator spends quadratic time
 * or a tree of gigabytes are refused before that; a document at the
 * bounds is judged. */
static void test_crafted_documents_stay_within_bounds(void **state)
{
    struct sc_buf b = { 0 };
    const char *head = "<domainsnapshot><name>x</name><state>running</state>"
                       "<creationTime>1</creationTime>";

    (void)state;
    sc_buf_printf(&b, "%s<cookie><a", head);
    for (int i = 0; i < 20000; i++)
        sc_buf_printf(&b, " a%d=''", i);
    sc_buf_puts(&b, "/></cookie></domainsnapshot>\n");
    expect_beyond("attributes.xml", &b, "more than 256 attributes on one element");
    b.len = 0;
    for (int where = 0; where < 2; where++) {
        b.len = 0;
        sc_buf_printf(&b, "%s%s", head, where ? "<domain type='kvm'><name>v</name>" : "<cookie>");
        for (int i = 0; i < 160000; i++)
            sc_buf_puts(&b, "<a/>");
        sc_buf_printf(&b, "%s</domainsnapshot>\n", where ? "</domain>" : "</cookie>");
        expect_beyond("siblings.xml", &b, "too many children in its elements");
    }
    b.len = 0;
    sc_buf_printf(&b, "%s<cookie>", head);
    for (int level = 0; level < 2; level++) {
        sc_buf_puts(&b, "<n");
        for (int i = 0; i < 200; i++)
            sc_buf_printf(&b, " xmlns:p%dx%d='urn:%d'", level, i, i);
        sc_buf_puts(&b, ">");
    }
    sc_buf_printf(&b, "<a/></n></n></cookie></domainsnapshot>\n");
    expect_beyond("namespaces.xml", &b, "more than 256 namespace declarations");
    b.len = 0;
    sc_buf_printf(&b, "%s<cookie>", head);
    for (int i = 0; i < 600000; i++)
        sc_buf_puts(&b, "<!---->");
    sc_buf_puts(&b, "</cookie></domainsnapshot>\n");
    expect_beyond("nodes.xml", &b, "more than 500,000 nodes");
    /* an implementation's output is read within the same bounds */
    char *guard = harness_smoke_guard();
    char *bomb = sc_xasprintf("%s; cat > /dev/null; awk 'BEGIN { printf \"<domainsnapshot><cookie><a\"; "
                              "for (i = 0; i < 20000; i++) printf \" a%%d=\\\"\\\"\", i; "
                              "print \"/></cookie></domainsnapshot>\" }'", guard);
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", bomb, "--filter",
                                                          harness_suite->manifest->v[0].id, NULL }, NULL, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "more than 256 attributes on one element"));
    harness_tool_free(&r);
    free(bomb);
    free(guard);
    /* at the bounds: 256 attributes, judged valid */
    b.len = 0;
    sc_buf_printf(&b, "%s<cookie><a", head);
    for (int i = 0; i < 256; i++)
        sc_buf_printf(&b, " a%d=''", i);
    sc_buf_puts(&b, "/></cookie></domainsnapshot>\n");
    char *path = harness_write_bytes("at-bounds.xml", b.data, b.len);
    r = harness_tool((const char *[]){ "validate", path, NULL }, NULL, NULL);
    assert_int_equal(r.status, 0);
    harness_tool_free(&r);
    free(path);
    sc_buf_free(&b);
}

/* Out of memory is an error (exit 2, with a message), never a verdict.
 * Not under a sanitizer or valgrind, which need address space of their
 * own. */
static void test_out_of_memory_is_an_error(void **state)
{
    (void)state;
#if defined(__SANITIZE_ADDRESS__)
    harness_skip();
#endif
    if (getenv("SNAPCHECK_WRAPPER"))
        harness_skip();
    char *big = write_filled("oom.xml", "<domainsnapshot><name>x</name><state>running</state>"
                             "<creationTime>1</creationTime><description>", 'x', 30u << 20,
                             "</description></domainsnapshot>\n");
    char *err = harness_tmp_path("oom.err");
    /* the tool starts and works in this address space... */
    assert_int_equal(shell("ulimit -v 80000 && $SNAPCHECK states > /dev/null"), 0);
    /* ...and a document that needs more is an error, not a verdict */
    const char *commands[] = { "format", "validate", "validate --jobs 64" };
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        assert_int_equal(shell("ulimit -v 80000 && $SNAPCHECK %s '%s' > /dev/null 2> '%s'",
                               commands[i], big, err), 2);
        char *text = harness_slurp(err);
        assert_non_null(strstr(text, "out of memory"));
        free(text);
    }
    unlink(big);
    free(err);
    free(big);
}

/* Files the tool edits keep what people wrote: concurrent additions
 * all land, comments survive rewrites, a baseline it cannot read is
 * not replaced, and input it cannot store faithfully is refused. */
static void test_edits_keep_what_people_wrote(void **state)
{
    char *tree = harness_scratch_tree("edits");
    char *manifest = sc_xasprintf("%s/cases/manifest.xml", tree);

    (void)state;
    /* comments everywhere in the manifest */
    char *text = harness_slurp(manifest);
    struct sc_buf b = { 0 };
    const char *root = strstr(text, "<manifest"), *first = strstr(text, "  <case"),
               *end = strstr(text, "</manifest>");
    const char *inside = strstr(first, "<description>");
    sc_buf_printf(&b, "%.*s<!-- top -->\n", (int)(root - text), text);
    sc_buf_printf(&b, "%.*s  <!-- before one -->\n  <!-- before two -->\n", (int)(first - root), root);
    sc_buf_printf(&b, "%.*s<!-- inside -->", (int)(inside - first), first);
    sc_buf_printf(&b, "%.*s  <!-- last -->\n</manifest>\n<!-- after -->\n", (int)(end - inside), inside);
    free(harness_write(tree, "cases/manifest.xml", b.data));
    /* eight additions at once, then a canonical rewrite */
    harness_progress("eight snapcheck new at once, then lint --fix");
    assert_int_equal(shell("cd '%s' && for i in 1 2 3 4 5 6 7 8; do "
                           "printf '<domainsnapshot><name>s%%s</name><state>running</state>"
                           "<creationTime>1</creationTime></domainsnapshot>' $i > in$i.xml; "
                           "SNAPCHECK_DATADIR=. $SNAPCHECK new together-$i --description \"added at once $i\" "
                           "--from in$i.xml > /dev/null 2>&1 & done; wait", tree), 0);
    struct tool_result r = harness_tool((const char *[]){ "lint", "--fix", NULL }, NULL, tree);
    harness_tool_free(&r);
    char *after = harness_slurp(manifest);
    for (int i = 1; i <= 8; i++) {
        char *id = sc_xasprintf("<case id='together-%d'", i);
        if (!strstr(after, id))
            fail_msg("%s was reported added but is missing", id);
        free(id);
    }
    static const char *const comments[] = { "<!-- top -->\n<manifest", "<!-- before one -->",
                                            "<!-- before two -->", "<!-- inside -->", "<!-- last -->\n</manifest>",
                                            "</manifest>\n<!-- after -->" };
    for (size_t i = 0; i < sizeof(comments) / sizeof(comments[0]); i++) {
        if (!strstr(after, comments[i]))
            fail_msg("the comment %s was lost:\n%s", comments[i], after);
    }
    /* UTF-16 cannot be stored as the case's input: refused, nothing written */
    harness_progress("new --from a UTF-16 file");
    assert_int_equal(shell("cd '%s' && printf '<domainsnapshot><name>u</name><state>running</state>"
                           "<creationTime>1</creationTime></domainsnapshot>' | iconv -t UTF-16 > u16.xml", tree), 0);
    char *u16 = sc_xasprintf("%s/u16.xml", tree);
    r = harness_tool((const char *[]){ "new", "utf-sixteen", "--description", "utf-16 input",
                                       "--from", u16, NULL }, NULL, tree);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "UTF-16"));
    assert_non_null(strstr(r.err, "nothing was written"));
    harness_tool_free(&r);
    char *input = sc_xasprintf("%s/cases/valid/utf-sixteen.xml", tree);
    assert_int_not_equal(access(input, F_OK), 0);
    /* a baseline with a line it cannot read is left as it was */
    harness_progress("run --update-baseline over a baseline it cannot read");
    const char *bad = "first-case: a reason written by hand\nnot a baseline line\n"
                      "second-case: another reason written by hand\n";
    char *baseline = harness_write(tree, "impl.baseline", bad);
    r = harness_tool((const char *[]){ "run", "--impl", "exit 1", "--baseline", baseline,
                                       "--update-baseline", NULL }, NULL, tree);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "impl.baseline:2: error:"));
    harness_tool_free(&r);
    char *kept = harness_slurp(baseline);
    assert_string_equal(kept, bad);
    free(kept);
    free(baseline);
    free(input);
    free(u16);
    free(after);
    sc_buf_free(&b);
    free(text);
    free(manifest);
    free(tree);
}

static void test_creation_time_beyond_64_bits(void **state)
{
    char *doc = sc_xasprintf("<domainsnapshot><name>x</name><state>running</state>"
                             "<creationTime>184467440737095516160</creationTime></domainsnapshot>\n");
    char *path = harness_write_bytes("time.xml", doc, strlen(doc));

    (void)state;
    expect("validate", path, 1, "missing creationTime from existing snapshot");
    free(path);
    free(doc);
}

int harness_run_hostile(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_external_entity_is_never_read),
        cmocka_unit_test(test_network_is_never_used),
        cmocka_unit_test(test_entity_expansion_is_refused),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_huge_text),
        cmocka_unit_test(test_broken_bytes),
        cmocka_unit_test(test_unreadable_inputs),
        cmocka_unit_test(test_creation_time_beyond_64_bits),
        cmocka_unit_test(test_writes_go_where_the_user_points),
        cmocka_unit_test(test_walks_stay_inside),
        cmocka_unit_test(test_lint_reports_leftover_temporaries),
        cmocka_unit_test(test_crafted_documents_stay_within_bounds),
        cmocka_unit_test(test_out_of_memory_is_an_error),
        cmocka_unit_test(test_edits_keep_what_people_wrote),
    };

    return harness_group("hostile", tests, NULL, NULL);
}
