/*
 * run.c: one result per selected case.  Cases are shared out to
 * worker threads by an atomic counter and each result is written to its
 * own slot, so the order of the report never depends on timing.
 *
 * What an implementation prints is untrusted and may be huge: the
 * output a case may print shrinks as more cases run at once, so that a
 * run holds a bounded amount whatever --jobs is; it is judged without
 * copies and without a tree unless envelope or canonical comparison
 * needs one (and then only a tree, and a canonical form, of bounded
 * size); and every message keeps at most
 * MESSAGE_LIMIT bytes of what it quotes.
 */
#define _GNU_SOURCE   /* sigabbrev_np, the thread-safe signal name */
#include "suite/run.h"

#include <fnmatch.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "suite/canon.h"
#include "suite/case.h"
#include "util/diff.h"
#include "util/fileio.h"
#include "suite/impl.h"
#include "model/xmlin.h"
#include "util/xmlout.h"

/* What all running implementations may print together, what one may
 * print however few run, and the least it may print however many do
 * (the most that run at once is what keeps to the budget). */
#define OUTPUT_BUDGET (64u << 20)
#define OUTPUT_MAX (32u << 20)
#define OUTPUT_MIN (256u << 10)
/* Bytes of output per node of the tree an envelope comparison builds:
 * a tree of no more nodes costs about what the output does. */
#define BYTES_PER_NODE 512
/* A canonical form may be this many times the output limit: character
 * references and namespace declarations can make it longer than the
 * output it comes from. */
#define CANON_PER_OUTPUT 2
/* What a message keeps of what it quotes (stderr, a diff). */
#define MESSAGE_LIMIT (16u << 10)

struct job {
    const struct sc_suite *suite;
    const struct sc_run_opts *opts;
    const struct sc_case **cases;
    struct sc_result *results;
    size_t n;
    size_t out_limit;       /* bytes one implementation may print */
    atomic_size_t next;
};

static void keep_identity(xmlNodePtr domain)
{
    for (xmlNodePtr c = domain->children, next; c; c = next) {
        next = c->next;
        if (!sc_is_element(c, "name") && !sc_is_element(c, "uuid")) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
    }
    for (xmlAttrPtr a = domain->properties, next; a; a = next) {
        next = a->next;
        if (!xmlStrEqual(a->name, BAD_CAST "type"))
            xmlRemoveProp(a);
    }
    xmlFreeNsList(domain->nsDef);
    domain->nsDef = NULL;
}

char *sc_envelope(const char *text, size_t len, struct sc_error *err)
{
    xmlDocPtr doc = sc_xml_read_memory(text, len, "output", err);
    struct sc_buf b = { 0 };

    if (!doc)
        return NULL;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (sc_is_element(c, "domain") || sc_is_element(c, "inactiveDomain"))
            keep_identity(c);
    }
    sc_xml_write_node(&b, root, 0);
    xmlFreeDoc(doc);
    return sc_buf_steal(&b);
}

static void set(struct sc_result *r, enum sc_verdict v, const char *actual, char *message)
{
    r->verdict = v;
    r->actual = sc_xstrdup(actual);
    r->message = message;
}

/* The text of a message: what was kept, and how much more there was. */
static char *finish(struct sc_buf *b)
{
    sc_buf_mark_dropped(b);
    return sc_buf_steal(b);
}

static char *quote_stderr(const char *what, const char *err)
{
    struct sc_buf b = { .limit = MESSAGE_LIMIT };
    size_t n = strlen(err);

    while (n && err[n - 1] == '\n')
        n--;
    sc_buf_puts(&b, what);
    if (n) {
        sc_buf_puts(&b, ": ");
        sc_buf_add(&b, err, n);
    }
    return finish(&b);
}

/* The form of a document that envelope or canonical comparison looks
 * at (newly allocated; NULL with ERR set when there is none).  A
 * canonical comparison compares C14N forms, and shows a mismatch as the
 * display forms, one element per line. */
static char *compared_form(const struct job *job, const char *text, size_t len, bool display,
                           struct sc_error *err)
{
    if (job->opts->compare == SC_COMPARE_ENVELOPE)
        return sc_envelope(text, len, err);
    return sc_canonical(text, len, display ? SC_CANON_DISPLAY : SC_CANON_C14N,
                        CANON_PER_OUTPUT * job->out_limit, err);
}

static const char *const compare_names[] = {
    [SC_COMPARE_EXACT] = "exact", [SC_COMPARE_ENVELOPE] = "envelope", [SC_COMPARE_CANONICAL] = "canonical",
};

/* Fails R with the first difference and a unified diff of WANT and GOT. */
static void mismatch(const struct job *job, const struct sc_case *c, const char *want,
                     const char *got, struct sc_result *r)
{
    const char *golden = sc_suite_path(job->suite, c->golden);
    struct sc_buf b = { .limit = MESSAGE_LIMIT };

    sc_first_difference(&b, want, got);
    if (job->opts->compare == SC_COMPARE_EXACT)
        sc_buf_printf(&b, " (%s)\n", golden);
    else
        sc_buf_printf(&b, " (%s, %s)\n", golden, compare_names[job->opts->compare]);
    sc_unified_diff(&b, golden, want, "output", got);
    set(r, SC_FAIL, "accept", finish(&b));
}

/* A canonical mismatch, shown one element per line; as the C14N forms
 * themselves should the display forms not show it.  One form of the
 * output is held at a time. */
static void canonical_mismatch(const struct job *job, const struct sc_case *c, const char *golden,
                               size_t len, const struct sc_impl_run *run, struct sc_result *r)
{
    struct sc_error err;
    char *want = compared_form(job, golden, len, true, &err);
    char *got = compared_form(job, run->out, run->out_len, true, &err);

    if (!want || !got || strcmp(want, got) == 0) {
        free(want);
        free(got);
        want = compared_form(job, golden, len, false, &err);
        got = compared_form(job, run->out, run->out_len, false, &err);
    }
    mismatch(job, c, want ? want : "", got ? got : "", r);
    free(want);
    free(got);
}

/* Compares an accepted document's output with the golden file: byte
 * for byte, without a copy; or as trees (envelope, canonical) of
 * bounded size. */
static void judge_output(const struct job *job, const struct sc_case *c,
                         const struct sc_impl_run *run, struct sc_result *r)
{
    const struct sc_suite *suite = job->suite;
    enum sc_compare how = job->opts->compare;
    char *golden = NULL, *want = NULL, *got = NULL;
    struct sc_diag diag = { 0 };
    struct sc_error err, gerr;
    size_t len, nodes, node_limit = job->out_limit / BYTES_PER_NODE;

    if (sc_xml_check_memory(run->out, run->out_len, "output", &err, &nodes) < 0) {
        if (run->out[strspn(run->out, " \t\r\n")] == '\0')
            set(r, SC_ERROR, "non-xml", sc_xstrdup("exited 0 with no output"));
        else
            set(r, SC_ERROR, "non-xml", sc_xasprintf("output is not XML (line %ld: %s)", err.line, err.msg));
        return;
    }
    if (how != SC_COMPARE_EXACT && nodes > node_limit) {
        set(r, SC_ERROR, "flood", sc_xasprintf("printed a document of %zu nodes, more than the %zu %s %s "
                                               "comparison reads; not compared", nodes, node_limit,
                                               how == SC_COMPARE_ENVELOPE ? "an" : "a", compare_names[how]));
        return;
    }
    if (sc_read_file(c->golden, &golden, &len, &diag) < 0) {
        set(r, SC_ERROR, "accept", sc_xasprintf("%s: %s", sc_suite_path(suite, c->golden), diag.msg));
        sc_diag_clear(&diag);
        return;
    }
    if (how != SC_COMPARE_EXACT) {
        want = compared_form(job, golden, len, false, &gerr);
        got = compared_form(job, run->out, run->out_len, false, &err);
    }
    const char *w = how == SC_COMPARE_EXACT ? golden : want;
    const char *g = how == SC_COMPARE_EXACT ? run->out : got;
    size_t limit = CANON_PER_OUTPUT * job->out_limit;
    if (!w) {
        set(r, SC_ERROR, "accept", sc_xasprintf("%s: %s", sc_suite_path(suite, c->golden), gerr.msg));
    } else if (!g && err.unreadable) {
        set(r, SC_ERROR, "flood", limit % (1u << 20)
                                  ? sc_xasprintf("printed a document whose %s form passes %zu KiB; not compared",
                                                 compare_names[how], limit >> 10)
                                  : sc_xasprintf("printed a document whose %s form passes %zu MiB; not compared",
                                                 compare_names[how], limit >> 20));
    } else if (!g) {
        set(r, SC_FAIL, "accept", sc_xasprintf("output has no %s form: %s", compare_names[how], err.msg));
    } else if (strcmp(w, g) == 0) {
        set(r, SC_PASS, "accept", NULL);
    } else if (how == SC_COMPARE_CANONICAL) {
        free(want);
        free(got);
        want = got = NULL;
        canonical_mismatch(job, c, golden, len, run, r);
    } else {
        mismatch(job, c, w, g, r);
    }
    free(golden);
    free(want);
    free(got);
}

/* The last "snapcheck-reason: PART" line of an implementation's
 * standard error, copied into PART; false when there is none. */
static bool reported_reason(const char *err, char *part, size_t len)
{
    static const char tag[] = "snapcheck-reason:";
    const char *found = NULL;

    for (const char *p = err; (p = strstr(p, tag)); p += sizeof(tag) - 1) {
        if (p == err || p[-1] == '\n')
            found = p + sizeof(tag) - 1;
    }
    if (!found)
        return false;
    found += strspn(found, " \t");
    size_t n = strcspn(found, " \t\r\n");
    snprintf(part, len, "%.*s", (int)(n < len ? n : len - 1), found);
    return true;
}

/* An invalid case passes when the implementation rejects it for the
 * part of the document the case is about (README, "Rejected for the
 * right reason"). */
static void judge_rejection(const struct job *job, const struct sc_case *c,
                            const struct sc_impl_run *run, struct sc_result *r)
{
    char part[64];

    if (job->opts->any_reason || !c->reason) {
        set(r, SC_PASS, "reject", NULL);
    } else if (!reported_reason(run->err, part, sizeof(part))) {
        set(r, SC_FAIL, "reject", quote_stderr("rejected it without saying what about (no "
                                               "'snapcheck-reason: PART' line on standard error)",
                                               run->err));
    } else if (!sc_part_answers(part, c->reason)) {
        char *what = sc_xasprintf("rejected it about <%s>, but the case is about <%s>", part,
                                  c->reason);
        set(r, SC_FAIL, "reject-other", quote_stderr(what, run->err));
        free(what);
    } else {
        set(r, SC_PASS, "reject", NULL);
    }
}

/* Runs case C; with PREFLIGHT, first finds out whether the command can
 * start at all, and returns false when it cannot.  With ERR, hands over
 * what the implementation printed on standard error. */
static bool run_external(const struct job *job, const struct sc_case *c, struct sc_result *r,
                         bool preflight, char **err)
{
    bool started = true;
    struct sc_diag diag = { 0 };
    char *input = NULL;
    size_t len;
    struct sc_impl_run run;

    if (sc_read_file(c->input, &input, &len, &diag) < 0) {
        set(r, SC_ERROR, "none", sc_xasprintf("%s: %s", sc_suite_path(job->suite, c->input), diag.msg));
        sc_diag_clear(&diag);
        return true;
    }
    struct sc_impl_request req = {
        .command = job->opts->impl, .input = input, .input_len = len,
        .mode = sc_mode_to_string(c->mode), .now = job->suite->manifest->now,
        .profile = sc_profile_name(job->suite->profile),
        .case_id = c->id, .timeout = job->opts->timeout, .out_limit = job->out_limit,
        .preflight = preflight,
    };
    sc_impl_run(&req, &run);
    switch (run.end) {
    case SC_IMPL_NO_START:
        started = !preflight;
        set(r, SC_ERROR, "no-start", quote_stderr("the implementation could not be started", run.err));
        break;
    case SC_IMPL_INTERRUPTED:
        set(r, SC_ERROR, "interrupted", sc_xstrdup("interrupted"));
        break;
    case SC_IMPL_SIGNALED: {
        const char *abbrev = sigabbrev_np(run.exit_code);
        char *what = sc_xasprintf("crashed: killed by signal %d (SIG%s)", run.exit_code,
                                  abbrev ? abbrev : "?");
        set(r, SC_ERROR, "crash", quote_stderr(what, run.err));
        free(what);
        break;
    }
    case SC_IMPL_TIMED_OUT:
        set(r, SC_ERROR, "timeout", sc_xasprintf("no answer within %g s", job->opts->timeout));
        break;
    case SC_IMPL_FLOODED:
        set(r, SC_ERROR, "flood", job->out_limit % (1u << 20)
                                  ? sc_xasprintf("printed more than %zu KiB; stopped", job->out_limit >> 10)
                                  : sc_xasprintf("printed more than %zu MiB; stopped", job->out_limit >> 20));
        break;
    case SC_IMPL_EXITED:
        if (run.exit_code == SC_IMPL_EXIT_SKIP)
            set(r, SC_SKIP, "skip", quote_stderr("unsupported", run.err));
        else if (run.exit_code != 0 && c->valid)
            set(r, SC_FAIL, "reject", quote_stderr("rejected a valid document", run.err));
        else if (run.exit_code != 0)
            judge_rejection(job, c, &run, r);
        else if (!c->valid)
            set(r, SC_FAIL, "accept", sc_xasprintf("accepted a document that must be rejected (%s)",
                                                   c->parser_error ? c->parser_error : c->schema_error));
        else
            judge_output(job, c, &run, r);
        break;
    }
    if (err) {
        *err = run.err;
        run.err = NULL;
    }
    sc_impl_run_clear(&run);
    free(input);
    return started;
}

static void run_reference(const struct job *job, const struct sc_case *c, struct sc_result *r)
{
    struct sc_diag_list failures = { 0 };
    struct sc_buf b = { 0 };
    bool accepted;
    bool ok = sc_case_check(job->suite, c, &failures, &accepted);

    for (size_t i = 0; i < failures.n; i++)
        sc_buf_printf(&b, "%s%s", i ? "\n" : "", failures.v[i].msg);
    set(r, ok ? SC_PASS : SC_FAIL, accepted ? "accept" : "reject", ok ? NULL : sc_buf_steal(&b));
    sc_buf_free(&b);
    sc_diag_list_free(&failures);
}

static bool run_case(const struct job *job, const struct sc_case *c, struct sc_result *r, bool preflight,
                     char **err)
{
    r->id = sc_xstrdup(c->id);
    r->description = sc_xstrdup(c->description);
    r->expected = sc_xstrdup(c->valid ? "accept" : "reject");
    if (!job->opts->impl) {
        run_reference(job, c, r);
        return true;
    }
    return run_external(job, c, r, preflight, err);
}

static void *worker(void *opaque)
{
    struct job *job = opaque;

    for (size_t i; !sc_impl_interrupted() && (i = atomic_fetch_add(&job->next, 1)) < job->n;) {
        if (!job->results[i].id) {   /* the smoke case ran already */
            run_case(job, job->cases[i], &job->results[i], false, NULL);
            sc_progress_step(job->opts->progress);
        }
    }
    return NULL;
}

/* Input and golden of a valid case: whether they are the same bytes,
 * and the input's size; false when either cannot be read. */
static bool smoke_rank(const struct sc_case *c, bool *canonical, size_t *size)
{
    struct sc_diag diag = { 0 };
    char *input = NULL, *golden = NULL;
    size_t in_len, golden_len;
    bool ok = sc_read_file(c->input, &input, &in_len, &diag) == 0 &&
              sc_read_file(c->golden, &golden, &golden_len, &diag) == 0;

    sc_diag_clear(&diag);

    *canonical = ok && in_len == golden_len && memcmp(input, golden, in_len) == 0;
    *size = in_len;
    free(input);
    free(golden);
    return ok;
}

const struct sc_case *sc_smoke_case(const struct sc_suite *suite, enum sc_mode mode)
{
    const struct sc_manifest *m = suite->manifest;
    const struct sc_case *best = NULL;
    bool best_canonical = false, canonical;
    size_t best_size = 0, size;

    for (size_t i = 0; i < m->n; i++) {
        const struct sc_case *c = &m->v[i];
        if (!c->valid || c->mode != mode || !smoke_rank(c, &canonical, &size))
            continue;
        if (!best || (canonical && !best_canonical) || (canonical == best_canonical && size < best_size)) {
            best = c;
            best_canonical = canonical;
            best_size = size;
        }
    }
    return best;
}

/* The smoke case's failure, for a person: what the case is, what went
 * wrong, and what the implementation said on standard error, unless
 * the message quotes it already (a rejection, a crash). */
static char *smoke_message(const struct job *job, const struct sc_case *c, const struct sc_result *r,
                           const char *err)
{
    const struct sc_suite *suite = job->suite;
    struct sc_buf b = { .limit = 2 * MESSAGE_LIMIT };
    const char *msg = r->message ? r->message : r->actual;
    size_t n = err ? strlen(err) : 0, first = err ? strcspn(err, "\n") : 0, len = strlen(msg);

    while (n && err[n - 1] == '\n')
        n--;
    while (len && msg[len - 1] == '\n')
        len--;
    sc_buf_printf(&b, "the implementation fails the smoke case %s (%s, %s mode), the simplest valid document of "
                      "the suite; no other case was run\n%.*s", c->id, sc_suite_path(suite, c->input),
                  sc_mode_to_string(c->mode), (int)len, msg);
    if (job->opts->compare == SC_COMPARE_EXACT && r->verdict == SC_FAIL && r->actual &&
        strcmp(r->actual, "accept") == 0)
        sc_buf_puts(&b, "\nif the output differs from the golden file in form only (quotes, attribute order, "
                        "indentation), --compare canonical compares the two as XML");
    if (n && first && memmem(msg, len, err, first))
        return finish(&b);
    if (!n) {
        sc_buf_puts(&b, "\nit printed nothing on standard error");
        return finish(&b);
    }
    sc_buf_puts(&b, "\nits standard error:");
    for (const char *line = err; line < err + n;) {
        size_t len = strcspn(line, "\n");
        sc_buf_puts(&b, "\n  ");
        sc_buf_add(&b, line, len < (size_t)(err + n - line) ? len : (size_t)(err + n - line));
        line += len + 1;
    }
    return finish(&b);
}

/* The smoke case of each mode in turn, until the implementation does
 * not skip it; the first run also finds out whether the command can
 * start.  A result of a selected case takes its slot; *FAILED gets the
 * result that stops the run. */
static int smoke(struct job *job, struct sc_result *failed)
{
    static const enum sc_mode modes[] = { SC_MODE_REDEFINE, SC_MODE_CREATE, SC_MODE_INTERNAL };
    bool preflight = true;

    for (size_t k = 0; k < sizeof(modes) / sizeof(modes[0]); k++) {
        const struct sc_case *c = sc_smoke_case(job->suite, modes[k]);
        struct sc_result r = { 0 };
        char *err = NULL;
        if (!c)
            continue;
        bool started = run_case(job, c, &r, preflight, &err);
        preflight = false;
        int rc = !started ? SC_RUN_NO_START : sc_impl_interrupted() ? SC_RUN_INTERRUPTED
                 : r.verdict == SC_PASS || r.verdict == SC_SKIP ? SC_RUN_OK : SC_RUN_SMOKE_FAILED;
        if (rc == SC_RUN_SMOKE_FAILED) {
            char *message = smoke_message(job, c, &r, err);
            free(r.message);
            r.message = message;
        }
        free(err);
        if (rc != SC_RUN_OK) {
            *failed = r;
            return rc;
        }
        bool passed = r.verdict == SC_PASS;
        size_t i = 0;
        while (i < job->n && job->cases[i] != c)
            i++;
        if (i < job->n) {
            job->results[i] = r;
            sc_progress_step(job->opts->progress);
        } else
            sc_result_clear(&r);
        if (passed)
            break;
    }
    return SC_RUN_OK;
}

/* The options that decide verdicts, as a command line would give them:
 * shards of one run agree on them. */
static char *settings(const struct sc_run_opts *o)
{
    struct sc_buf b = { 0 };

    sc_buf_printf(&b, "--compare %s --timeout %g", compare_names[o->compare], o->timeout);
    if (o->any_reason)
        sc_buf_puts(&b, " --any-reason");
    if (o->filter)
        sc_buf_printf(&b, " --filter %s", o->filter);
    return sc_buf_steal(&b);
}

static bool selected(const struct sc_run_opts *o, const struct sc_case *c, size_t *index)
{
    if (o->filter && fnmatch(o->filter, c->id, 0) != 0)
        return false;
    return o->shards == 0 || (*index)++ % o->shards == o->shard - 1;
}

unsigned sc_default_jobs(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);

    return cores > 0 && cores <= 256 ? (unsigned)cores : 1;
}

int sc_run_suite(const struct sc_suite *suite, const struct sc_run_opts *opts,
                 struct sc_results *out)
{
    const struct sc_manifest *m = suite->manifest;
    struct job job = { .suite = suite, .opts = opts };
    size_t index = 0, jobs = opts->jobs ? opts->jobs : sc_default_jobs();
    int rc = SC_RUN_OK;

    memset(out, 0, sizeof(*out));
    out->subject = sc_xstrdup(opts->impl ? opts->impl : "the snapcheck reference implementation");
    out->settings = settings(opts);
    out->shard = opts->shard;
    out->shards = opts->shards;
    job.cases = sc_xcalloc(m->n, sizeof(*job.cases));
    for (size_t i = 0; i < m->n; i++) {
        if (selected(opts, &m->v[i], &index))
            job.cases[job.n++] = &m->v[i];
    }
    if (!job.n) {
        free(job.cases);
        return SC_RUN_NO_CASE;
    }
    job.results = sc_xcalloc(job.n, sizeof(*job.results));
    sc_progress_total(opts->progress, job.n, true);
    atomic_init(&job.next, 0);
    jobs = jobs < 1 ? 1 : jobs > job.n ? job.n : jobs;
    if (opts->impl) {
        /* the output budget is shared by the implementations that run at
         * once, so that no more run than leave each OUTPUT_MIN */
        jobs = jobs > OUTPUT_BUDGET / OUTPUT_MIN ? OUTPUT_BUDGET / OUTPUT_MIN : jobs;
        job.out_limit = OUTPUT_BUDGET / jobs > OUTPUT_MAX ? OUTPUT_MAX : OUTPUT_BUDGET / jobs;
    }
    if (opts->impl) {
        sc_impl_catch_signals();
        /* whether the command can start, and works at all, is found out
         * once, before anything runs in parallel */
        struct sc_result failed = { 0 };
        rc = smoke(&job, &failed);
        if (rc != SC_RUN_OK) {
            for (size_t i = 0; i < job.n; i++)
                sc_result_clear(&job.results[i]);
            job.results[0] = failed;
            job.n = 1;
        }
    }
    pthread_t *threads = sc_xcalloc(jobs, sizeof(*threads));
    size_t started = 0;
    for (; rc == SC_RUN_OK && started + 1 < jobs; started++) {
        if (pthread_create(&threads[started], NULL, worker, &job) != 0)
            break;
    }
    if (rc == SC_RUN_OK)
        worker(&job);
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    if (opts->impl) {
        sc_impl_release_signals();
        if (sc_impl_interrupted())
            rc = SC_RUN_INTERRUPTED;
    }
    out->v = job.results;
    out->n = job.n;
    free(threads);
    free(job.cases);
    return rc;
}
