/*
 * tests/hostile_impl.c: implementations that misbehave towards the
 * program running them.  Every exit status is an answer and only death
 * by a signal is a crash; a command that cannot start is reported once,
 * with exit status 3; a run whose pipes cannot be made leaves none of
 * them open; nothing an implementation starts outlives its case,
 * whether it ends, times out or floods, or snapcheck itself is
 * interrupted or killed; an implementation gets its three streams and
 * the default signal dispositions; and what it prints, however much,
 * costs bounded memory and a bounded report.  The implementations are
 * small shell commands; the cases come from the manifest.
 */
#include "tests/harness.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "suite/impl.h"
#include "util/buf.h"
#include "tests/fixture.h"
#include "tests/groups.h"
#include "tests/tool.h"
#include "tests/impls.h"

/* What a run may take over the harness's own peak (see expect() in
 * tests/hostile.c), and what its report may hold. */
#define MEMORY_BOUND_MB 256
#define REPORT_BOUND (256u << 10)

/* A number of seconds for sleep that no other process on the machine
 * has in its argv: the processes a test starts are found by it. */
static char *marker(int n)
{
    return sc_xasprintf("%d.%d", 7000 + n, (int)getpid());
}

/* How many live processes run "sleep MARK". */
static size_t alive(const char *mark)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    size_t n = 0;
    char want[64];
    int wn = snprintf(want, sizeof(want), "sleep%c%s%c", '\0', mark, '\0');

    assert_non_null(d);
    while ((e = readdir(d))) {
        char path[300], buf[64];
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof(path), "/proc/%s/cmdline", e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        size_t k = fread(buf, 1, sizeof(buf), f);
        fclose(f);
        n += k == (size_t)wn && memcmp(buf, want, k) == 0;
    }
    closedir(d);
    return n;
}

static void expect_none_alive(const char *what, char *const *marks)
{
    for (size_t i = 0; marks[i]; i++) {
        if (alive(marks[i]))
            fail_msg("%s: 'sleep %s' is still running", what, marks[i]);
    }
}

/* Waits until no "sleep MARK" is alive; a generous limit only catches
 * a cleanup that never happens. */
static void wait_none_alive(const char *what, char *const *marks)
{
    for (int tries = 0; tries < 3000; tries++) {
        size_t n = 0;
        for (size_t i = 0; marks[i]; i++)
            n += alive(marks[i]);
        if (!n)
            return;
        nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
    }
    expect_none_alive(what, marks);
}

/* The cases of shard 1/N: how many, and how many the reference
 * implementation passes. */
static void shard_counts(unsigned shards, size_t *n, size_t *passes)
{
    const struct sc_manifest *m = harness_suite->manifest;

    *n = *passes = 0;
    for (size_t i = 0; i < m->n; i += shards) {
        (*n)++;
        *passes += m->v[i].valid || m->v[i].parser_error;
    }
}

/* Whether shard 1/N holds the smoke case, which an implementation that
 * starts with harness_smoke_guard() passes. */
static size_t smoke_in_shard(unsigned shards)
{
    const struct sc_manifest *m = harness_suite->manifest;

    return (size_t)(harness_smoke_case() - m->v) % shards == 0;
}

/* "GUARD; IMPL": IMPL on every case but the smoke case (newly allocated). */
static char *guarded(const char *impl)
{
    char *guard = harness_smoke_guard(), *cmd = sc_xasprintf("%s; %s", guard, impl);

    free(guard);
    return cmd;
}

/* IMPL guarded and quoted for sh -c: one command whose process is the
 * shell that runs IMPL (newly allocated). */
static char *sh_c(const char *impl)
{
    char *inner = guarded(impl);
    struct sc_buf b = { 0 };

    sc_buf_puts(&b, "sh -c '");
    for (const char *p = inner; *p; p++)
        sc_buf_puts(&b, *p == '\'' ? "'\\''" : (char[]){ *p, '\0' });
    sc_buf_puts(&b, "'");
    free(inner);
    return sc_buf_steal(&b);
}

static const struct sc_case *first_valid(void)
{
    const struct sc_manifest *m = harness_suite->manifest;

    for (size_t i = 0; i < m->n; i++) {
        if (m->v[i].valid && &m->v[i] != harness_smoke_case())
            return &m->v[i];
    }
    fail_msg("the manifest has no valid case");
    return NULL;
}

/* Runs "snapcheck run --impl IMPL ARGS…" and checks the summary line
 * against the reference implementation's on the same cases. */
static void expect_reference_summary(const char *impl, const char *shard, size_t n, size_t passes,
                                     const char *const *extra)
{
    const char *argv[20] = { "run", "--impl", impl, "--shard", shard, "--jobs", "2" };
    size_t k = 7;

    for (size_t i = 0; extra && extra[i] && k < 19; i++)
        argv[k++] = extra[i];
    argv[k] = NULL;
    struct tool_result r = harness_tool(argv, NULL, NULL);
    char *summary = harness_verdicts(passes, n - passes, 0, 0);
    if (r.status != (passes == n ? 0 : 1) || !strstr(r.out, summary))
        fail_msg("run --impl \"%s\": exit %d, expected \"%s\"; output:\n%s%s", impl, r.status, summary + 1,
                 r.out, r.err);
    free(summary);
    harness_tool_free(&r);
}

/* Whatever status an implementation rejects with, 126, 127, 130 and
 * 255 (exit(-1)) included, the rejection counts as the reference's
 * does: the pass count is the same. */
static void test_every_exit_status_is_an_answer(void **state)
{
    const struct sc_manifest *m = harness_suite->manifest;
    char *ref = harness_reference_impl();
    static const int codes[] = { 1, 2, 126, 127, 130, 139, 255 };
    size_t passes = m->n - harness_schema_only_cases();
    char *summary = harness_verdicts(passes, m->n - passes, 0, 0);

    (void)state;
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        harness_progress("run --impl, every rejection by exit status %d (%zu of %zu)", codes[i], i + 1,
                         sizeof(codes) / sizeof(codes[0]));
        char *impl = sc_xasprintf("%s || exit %d", ref, codes[i]);
        struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, NULL }, NULL, NULL);
        if (r.status != (passes == m->n ? 0 : 1) || !strstr(r.out, summary))
            fail_msg("rejecting with exit %d: exit %d, expected \"%s\"; output:\n%s", codes[i], r.status,
                     summary + 1, r.out);
        harness_tool_free(&r);
        free(impl);
    }
    free(summary);
    free(ref);
}

/* Death by a signal is a crash, whether the implementation is the
 * shell's only command (which then takes the shell's place) or the
 * shell itself dies; an exit status of 128+N is not. */
static void test_only_death_by_a_signal_is_a_crash(void **state)
{
    const struct sc_case *c = first_valid();
    /* each passes the smoke case: the first is one command, sh, that
     * kills itself; the second a list whose shell dies */
    char *impls[] = { sh_c("kill -TERM $$"), guarded("true; kill -USR1 $$"), guarded("exit 139"),
                      guarded("sh -c 'exit 134'") };
    static const char *const actual[] = {
        "\"actual\":\"crash\",\"message\":\"crashed: killed by signal 15 (SIGTERM)",
        "\"actual\":\"crash\",\"message\":\"crashed: killed by signal 10 (SIGUSR1)",
        "\"actual\":\"reject\",\"message\":\"rejected a valid document\"",
        "\"actual\":\"reject\",\"message\":\"rejected a valid document\"",
    };

    (void)state;
    for (size_t i = 0; i < sizeof(impls) / sizeof(impls[0]); i++) {
        struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impls[i], "--filter", c->id,
                                                               "--report", "jsonl", NULL }, NULL, NULL);
        if (r.status != 1 || !strstr(r.out, actual[i]))
            fail_msg("run --impl \"%s\": exit %d, expected %s in:\n%s", impls[i], r.status, actual[i], r.out);
        harness_tool_free(&r);
        free(impls[i]);
    }
}

/* A command the shell cannot run is found before any case runs, and
 * said once, with the shell's message and exit status 3.  An
 * implementation that exits 127 on every case has started. */
static void test_a_command_that_cannot_start_is_said_once(void **state)
{
    const struct sc_manifest *m = harness_suite->manifest;
    char *missing = sc_xasprintf("./no-such-implementation-%d", (int)getpid());
    char *unrunnable = harness_write(harness_tmpdir(), "not-executable.sh", "echo hello\n");
    const struct { const char *impl, *says; } runs[] = {
        { missing, "not found" },
        { "impl (", "Syntax error" },
        { unrunnable, "Permission denied" },
    };

    (void)state;
    assert_int_equal(chmod(unrunnable, 0644), 0);
    for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
        harness_progress("run --impl \"%s\"", runs[i].impl);
        struct tool_result r = harness_tool((const char *[]){ "run", "--impl", runs[i].impl, NULL }, NULL, NULL);
        static const char says_once[] = "the implementation could not be started";
        const char *said = strstr(r.err, says_once);
        if (r.status != 3 || !said || strstr(said + 1, says_once) || !strstr(r.err, runs[i].says) ||
            r.out[0])
            fail_msg("run --impl \"%s\": exit %d, stdout:\n%s\nstderr:\n%s", runs[i].impl, r.status, r.out, r.err);
        harness_tool_free(&r);
    }
    /* one that exits 127 on every case has started, and fails the smoke case */
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", "exit 127", NULL }, NULL, NULL);
    if (r.status != 3 || strstr(r.err, "could not be started") || !strstr(r.err, "fails the smoke case"))
        fail_msg("run --impl 'exit 127': exit %d, stderr:\n%s", r.status, r.err);
    harness_tool_free(&r);
    size_t valid = 0;
    for (size_t i = 0; i < m->n; i++)
        valid += m->v[i].valid;
    char *summary = harness_verdicts(m->n - valid + 1, valid - 1, 0, 0);
    char *impl = guarded("exit 127");
    harness_progress("run --impl 'exit 127' --any-reason");
    r = harness_tool((const char *[]){ "run", "--impl", impl, "--any-reason", NULL }, NULL, NULL);
    if (r.status != 1 || !strstr(r.out, summary))
        fail_msg("run --impl '%s' --any-reason: exit %d, expected \"%s\":\n%s%s", impl, r.status, summary + 1,
                 r.out, r.err);
    harness_tool_free(&r);
    free(impl);
    free(summary);
    free(unrunnable);
    free(missing);
}

/* When the second or the third of the three pipes to an implementation
 * cannot be made, the run could not start, and the pipes made before
 * are closed: with room for one pipe, then for two, under a limit on
 * descriptors, none is left open after the run. */
static void test_pipes_that_cannot_be_made_leave_none_open(void **state)
{
    (void)state;
    for (int made = 1; made <= 2; made++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            struct sc_impl_request req = { .command = "cat", .input = "", .mode = "redefine",
                                           .profile = "libvirt-10.7", .case_id = "pipes", .timeout = 5,
                                           .out_limit = 1024 };
            struct sc_impl_run run;
            struct rlimit rl;
            for (int fd = 3; fd < 1024; fd++)
                close(fd);
            /* 0, 1 and 2 open: room for MADE pipes, and not one more */
            if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
                _exit(2);
            rl.rlim_cur = (rlim_t)(3 + 2 * made);
            if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
                _exit(2);
            sc_impl_run(&req, &run);
            bool ok = run.end == SC_IMPL_NO_START && run.err && !strncmp(run.err, "cannot create pipes", 19);
            for (int fd = 3; fd < 3 + 2 * made; fd++)
                ok = ok && fcntl(fd, F_GETFD) < 0;
            _exit(ok ? 0 : 1);
        }
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            fail_msg("with room for %d pipe%s: status %#x", made, made == 1 ? "" : "s", status);
    }
}

/* A child left running in the background (holding standard output or
 * not), one in a session of its own, one behind a double fork, one
 * daemonised both ways: each case still ends when the implementation
 * does, and none of them is alive after the run. */
static void test_nothing_outlives_a_case(void **state)
{
    char *ref = harness_reference_impl();
    char *marks[] = { marker(1), marker(2), marker(3), marker(4), NULL };
    char *impls[] = {
        sc_xasprintf("sleep %s & exec %s", marks[0], ref),
        sc_xasprintf("setsid sleep %s >/dev/null 2>&1 & exec %s", marks[1], ref),
        sc_xasprintf("( (exec sleep %s >/dev/null 2>&1 &) & ); exec %s", marks[2], ref),
        sc_xasprintf("( setsid sh -c 'sleep %s >/dev/null 2>&1 &' & ); exec %s", marks[3], ref),
    };
    size_t n, passes;

    (void)state;
    shard_counts(40, &n, &passes);
    for (size_t i = 0; i < 4; i++) {
        expect_reference_summary(impls[i], "1/40", n, passes, (const char *[]){ "--timeout", "5", NULL });
        expect_none_alive(impls[i], (char *[]){ marks[i], NULL });
        free(impls[i]);
        free(marks[i]);
    }
    free(ref);
}

/* Each record of a JSON Lines report says ACTUAL. */
static void expect_every_case(const char *jsonl, size_t n, const char *actual)
{
    char *want = sc_xasprintf("\"actual\":\"%s\"", actual);
    size_t seen = 0;

    for (const char *p = jsonl; (p = strstr(p, want)); p++)
        seen++;
    if (seen != n)
        fail_msg("%zu of %zu cases end as %s:\n%s", seen, n, actual, jsonl);
    free(want);
}

/* On a timeout and on a flood, the whole tree goes: the command, a
 * child in its own session, an orphan. */
static void test_timeout_and_flood_kill_the_whole_tree(void **state)
{
    char *marks[] = { marker(11), marker(12), marker(13), NULL };
    char *tree = sc_xasprintf("setsid sleep %s >/dev/null 2>&1 & ( (exec sleep %s >/dev/null 2>&1 &) & ); ",
                              marks[0], marks[1]);
    char *guard = harness_smoke_guard();
    char *hang = sc_xasprintf("%s; %sexec sleep %s", guard, tree, marks[2]);
    char *flood = sc_xasprintf("%s; %sexec yes", guard, tree);
    size_t n, passes;

    (void)state;
    shard_counts(60, &n, &passes);
    n -= smoke_in_shard(60);
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", hang, "--timeout", "1", "--shard", "1/60",
                                                           "--jobs", "2", "--report", "jsonl", NULL }, NULL, NULL);
    assert_int_equal(r.status, 1);
    expect_every_case(r.out, n, "timeout");
    expect_none_alive("after a timeout", marks);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "run", "--impl", flood, "--shard", "1/60", "--jobs", "2", "--report", "jsonl",
                                       NULL }, NULL, NULL);
    assert_int_equal(r.status, 1);
    expect_every_case(r.out, n, "flood");
    expect_none_alive("after a flood", marks);
    harness_tool_free(&r);
    free(flood);
    free(hang);
    free(guard);
    free(tree);
    for (size_t i = 0; marks[i]; i++)
        free(marks[i]);
}

/* Starts a run whose implementation hangs with a child in a session of
 * its own, waits until it has started, and sends SIG to snapcheck. */
static struct tool_result signal_a_run(int sig, char *const *marks)
{
    char *flag = sc_xasprintf("%s/started-%d", harness_tmpdir(), sig);
    char *impl = sc_xasprintf("touch '%s'; setsid sleep %s >/dev/null 2>&1 & exec sleep %s", flag, marks[0],
                              marks[1]);
    struct stat st;

    unlink(flag);
    pid_t pid = harness_tool_start((const char *[]){ "run", "--impl", impl, "--jobs", "2", "--timeout", "600",
                                                     NULL }, NULL, NULL);
    for (int tries = 0; stat(flag, &st) != 0; tries++) {
        if (tries == 12000) {
            kill(pid, SIGKILL);
            fail_msg("the implementation did not start within two minutes");
        }
        nanosleep(&(struct timespec){ 0, 10 * 1000 * 1000 }, NULL);
    }
    assert_int_equal(kill(pid, sig), 0);
    free(impl);
    free(flag);
    return harness_tool_wait(pid);
}

/* Interrupted or terminated, snapcheck kills every implementation and
 * what it started, then dies of the signal, writing no report. */
static void test_an_interrupted_run_leaves_nothing(void **state)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };

    (void)state;
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        char *marks[] = { marker(20 + (int)i * 2), marker(21 + (int)i * 2), NULL };
        struct tool_result r = signal_a_run(sigs[i], marks);
        if (r.signal != sigs[i] || r.out[0])
            fail_msg("after signal %d snapcheck ended with status %d, signal %d; stdout:\n%s", sigs[i],
                     r.status, r.signal, r.out);
        expect_none_alive("after an interrupt", marks);
        harness_tool_free(&r);
        free(marks[0]);
        free(marks[1]);
    }
}

/* Killed outright, snapcheck can do nothing, but the supervisors it
 * left see it go and clean up. */
static void test_a_killed_run_leaves_nothing(void **state)
{
    char *marks[] = { marker(30), marker(31), NULL };

    (void)state;
    struct tool_result r = signal_a_run(SIGKILL, marks);
    assert_int_equal(r.signal, SIGKILL);
    wait_none_alive("after snapcheck was killed", marks);
    harness_tool_free(&r);
    free(marks[0]);
    free(marks[1]);
}

/* An implementation gets standard input, output and error and no other
 * descriptor (none of snapcheck's, none of another case's); SIGPIPE
 * kills it as it would any program, and no signal is blocked. */
static void test_an_implementation_starts_clean(void **state)
{
    const struct sc_manifest *m = harness_suite->manifest;
    size_t valid = 0;

    (void)state;
    for (size_t i = 0; i < m->n; i += 20)
        valid += m->v[i].valid;
    valid -= smoke_in_shard(20);
    /* ls lists the descriptors of the shell, which waits for it */
    char *fds = guarded("exec >&2; ls /proc/$$/fd; exit 1");
    char *sigs = guarded("grep -E '^Sig(Ign|Blk)' /proc/$$/status | tr '\\n\\t' '  ' >&2; exit 1");
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", fds, "--shard", "1/20", "--jobs", "4",
                                                           "--report", "jsonl", NULL }, NULL, NULL);
    size_t seen = 0;
    for (const char *p = r.out; (p = strstr(p, "\"rejected a valid document: 0\\n1\\n2\"")); p++)
        seen++;
    if (seen != valid)
        fail_msg("%zu of %zu valid cases saw descriptors 0 1 2 only:\n%s", seen, valid, r.out);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "run", "--impl", sigs, "--filter", first_valid()->id, NULL }, NULL, NULL);
    const char *ign = strstr(r.out, "SigIgn: "), *blk = strstr(r.out, "SigBlk: ");
    assert_non_null(ign);
    assert_non_null(blk);
    unsigned long long ignored = strtoull(ign + 8, NULL, 16), blocked = strtoull(blk + 8, NULL, 16);
    if (ignored & (1ull << (SIGPIPE - 1)) || blocked)
        fail_msg("the implementation starts with SIGPIPE ignored or signals blocked:\n%s", r.out);
    harness_tool_free(&r);
    free(sigs);
    free(fds);
}

static void expect_bounded(const char *what, const struct tool_result *r)
{
    struct rusage self;

    getrusage(RUSAGE_SELF, &self);
    if ((r->maxrss_kib - self.ru_maxrss) / 1024 >= MEMORY_BOUND_MB)
        fail_msg("%s: snapcheck peaked at %ld MB (the harness at %ld MB)", what, r->maxrss_kib / 1024,
                 self.ru_maxrss / 1024);
}

/* A wrong answer of 30 MiB that is well-formed XML: judged, compared
 * and reported in bounded memory, exactly, by envelope and canonically;
 * the report shows the start of the diff and how much was left out. */
static void test_a_huge_wrong_answer_costs_bounded_memory(void **state)
{
    const struct sc_case *c = first_valid();
    char *guard = harness_smoke_guard();
    char *script = sc_xasprintf("%s\n"
                                "cat > /dev/null\n"
                                "echo '<domainsnapshot>'\n"
                                "yes '<x/>' | head -c 31457280\n"
                                "echo '</domainsnapshot>'\n", guard);
    char *cmd = harness_impl_script("huge-answer.sh", script);
    char *report = harness_tmp_path("huge-answer.txt");

    (void)state;
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", cmd, "--filter", c->id, "-o", report,
                                                           NULL }, NULL, NULL);
    char *text = harness_slurp(report);
    assert_int_equal(r.status, 1);
    expect_bounded("a 30 MiB wrong answer", &r);
    if (harness_file_size(report) > REPORT_BOUND || !strstr(text, "+<x/>") || !strstr(text, " more bytes)"))
        fail_msg("the report holds %zu bytes:\n%.2000s", harness_file_size(report), text);
    free(text);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "run", "--impl", cmd, "--filter", c->id, "--compare", "envelope",
                                       "--report", "jsonl", "-o", report, NULL }, NULL, NULL);
    text = harness_slurp(report);
    assert_int_equal(r.status, 1);
    expect_bounded("a 30 MiB wrong answer, by envelope", &r);
    if (harness_file_size(report) > REPORT_BOUND || !strstr(text, "\"actual\":\"flood\"") || !strstr(text, "not compared"))
        fail_msg("the report holds %zu bytes:\n%.2000s", harness_file_size(report), text);
    free(text);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "run", "--impl", cmd, "--filter", c->id, "--compare", "canonical",
                                       "--report", "jsonl", "-o", report, NULL }, NULL, NULL);
    text = harness_slurp(report);
    assert_int_equal(r.status, 1);
    expect_bounded("a 30 MiB wrong answer, canonically", &r);
    if (harness_file_size(report) > REPORT_BOUND || !strstr(text, "\"actual\":\"flood\"") || !strstr(text, "not compared"))
        fail_msg("the report holds %zu bytes:\n%.2000s", harness_file_size(report), text);
    free(text);
    harness_tool_free(&r);
    free(report);
    free(cmd);
    free(script);
    free(guard);
}

/* An answer of few nodes whose canonical form is four times its size
 * (every '>' of its text becomes "&gt;"): the form is given up at
 * twice the output limit, in bounded memory, and the case is an error. */
static void test_a_canonical_form_is_bounded(void **state)
{
    const struct sc_case *c = first_valid();
    char *cmd = harness_impl_for(c, harness_impl_script("wide-answer.sh",
                                                       "cat > /dev/null\n"
                                                       "echo '<domainsnapshot>'\n"
                                                       "for i in 1 2 3; do\n"
                                                       "  printf '<t>'; head -c 8388608 /dev/zero | tr '\\0' '>'; "
                                                       "echo '</t>'\n"
                                                       "done\n"
                                                       "echo '</domainsnapshot>'\n"));

    (void)state;
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", cmd, "--filter", c->id, "--jobs", "1",
                                                           "--compare", "canonical", "--report", "jsonl", NULL },
                                        NULL, NULL);
    assert_int_equal(r.status, 1);
    expect_bounded("an answer with a canonical form of 96 MiB", &r);
    if (!strstr(r.out, "\"actual\":\"flood\"") ||
        !strstr(r.out, "printed a document whose canonical form passes 64 MiB; not compared"))
        fail_msg("a canonical form of 96 MiB:\n%.2000s", r.out);
    harness_tool_free(&r);
    free(cmd);
}

/* Implementations that print without end, eight at a time: each is
 * stopped at its share of the output budget, and the run stays within
 * its bound. */
static void test_floods_cost_bounded_memory_whatever_the_jobs(void **state)
{
    size_t n, passes;

    (void)state;
    shard_counts(10, &n, &passes);
    char *yes = guarded("exec yes");
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", yes, "--shard", "1/10", "--jobs",
                                                           "8", "--report", "jsonl", NULL }, NULL, NULL);
    free(yes);
    assert_int_equal(r.status, 1);
    expect_every_case(r.out, n - smoke_in_shard(10), "flood");
    assert_non_null(strstr(r.out, "printed more than 8 MiB; stopped"));
    expect_bounded("eight floods at once", &r);
    harness_tool_free(&r);
}

/* A megabyte on standard error: the message keeps its start and says
 * how much it left out, and the reason line at its end still counts. */
static void test_a_flood_on_standard_error_keeps_its_end(void **state)
{
    const struct sc_manifest *m = harness_suite->manifest;
    const struct sc_case *bad = NULL, *good = first_valid();

    (void)state;
    for (size_t i = 0; i < m->n && !bad; i++)
        bad = !m->v[i].valid && m->v[i].parser_error && m->v[i].reason ? &m->v[i] : NULL;
    assert_non_null(bad);
    char *guard = harness_smoke_guard();
    char *impl = sc_xasprintf("%s; head -c 1048576 /dev/zero | tr '\\0' x >&2; echo >&2;"
                              " echo 'snapcheck-reason: %s' >&2; exit 1", guard, bad->reason);
    struct tool_result r = harness_tool((const char *[]){ "run", "--impl", impl, "--filter", bad->id, NULL },
                                        NULL, NULL);
    if (r.status != 0 || !strstr(r.out, "1 passed, 0 failed, 0 errors, 0 skipped"))
        fail_msg("the reason line after 1 MiB of standard error was missed: exit %d\n%.2000s", r.status, r.out);
    harness_tool_free(&r);
    r = harness_tool((const char *[]){ "run", "--impl", impl, "--filter", good->id, "--report", "jsonl", NULL },
                     NULL, NULL);
    assert_int_equal(r.status, 1);
    if (strlen(r.out) > 64 * 1024 || !strstr(r.out, "rejected a valid document: xxx") ||
        !strstr(r.out, " more bytes)"))
        fail_msg("the message quotes %zu bytes:\n%.2000s", strlen(r.out), r.out);
    harness_tool_free(&r);
    free(impl);
    free(guard);
}

/* What a report quotes is cut at a character boundary, never inside a
 * UTF-8 sequence, and says how many bytes it left out. */
static void test_quotes_are_cut_between_characters(void **state)
{
    struct sc_buf b = { .limit = 6 };

    (void)state;
    sc_buf_puts(&b, "ab");
    sc_buf_printf(&b, "%s", "c\xC3\xA9\xE2\x80\xA6z");   /* c, é, …, z */
    sc_buf_puts(&b, "y");
    assert_string_equal(b.data, "abc\xC3\xA9");
    assert_int_equal(b.dropped, 5);
    sc_buf_mark_dropped(&b);
    assert_string_equal(b.data, "abc\xC3\xA9\xE2\x80\xA6 (5 more bytes)");
    sc_buf_free(&b);
    b = (struct sc_buf){ .limit = 4 };
    sc_buf_add(&b, "abc\xE2\x80\xA6", 6);
    assert_string_equal(b.data, "abc");
    assert_int_equal(b.dropped, 3);
    sc_buf_free(&b);
}

int harness_run_hostile_impl(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_exit_status_is_an_answer),
        cmocka_unit_test(test_only_death_by_a_signal_is_a_crash),
        cmocka_unit_test(test_a_command_that_cannot_start_is_said_once),
        cmocka_unit_test(test_pipes_that_cannot_be_made_leave_none_open),
        cmocka_unit_test(test_nothing_outlives_a_case),
        cmocka_unit_test(test_timeout_and_flood_kill_the_whole_tree),
        cmocka_unit_test(test_an_interrupted_run_leaves_nothing),
        cmocka_unit_test(test_a_killed_run_leaves_nothing),
        cmocka_unit_test(test_an_implementation_starts_clean),
        cmocka_unit_test(test_a_huge_wrong_answer_costs_bounded_memory),
        cmocka_unit_test(test_a_canonical_form_is_bounded),
        cmocka_unit_test(test_floods_cost_bounded_memory_whatever_the_jobs),
        cmocka_unit_test(test_a_flood_on_standard_error_keeps_its_end),
        cmocka_unit_test(test_quotes_are_cut_between_characters),
    };

    return harness_group("hostile impl", tests, NULL, NULL);
}
