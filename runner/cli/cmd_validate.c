/*
 * cmd_validate.c: "snapcheck validate": documents against the schema and
 * the parser's rules, with diagnostics on standard error or a report.
 *
 * Files are streamed: the directory walk feeds a bounded ring of slots,
 * worker threads validate (each with its own libxml2 contexts; the
 * compiled schema and the memo of accepted domains are shared), each
 * taking blocks of the ring of its own first, and the
 * main thread prints finished slots in walk order.  Memory therefore
 * does not grow with the number of documents (a report, which must hold
 * every result, aside).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "suite/case.h"
#include "suite/run.h"
#include "cli/cli.h"
#include "util/fileio.h"
#include "suite/report.h"
#include "suite/results.h"
#include "util/term.h"
#include "util/xmlalloc.h"

#define RING 256
/* Workers take the ring in blocks of documents, each its own blocks
 * first: a guest's snapshots are next to each other, and two workers
 * that validated its new domain at the same moment would both do it in
 * full (the memo learns it only when one is done). */
#define BLOCK 64

struct slot {
    char *path;
    bool claimed, done;
    bool valid, io_error;
    struct sc_diag_list diags;   /* printed, or a report's message */
};

struct pipeline {
    const struct sc_schema *schema;
    struct sc_parse_opts parse;
    struct sc_results *results;   /* collect for a report, or NULL */
    size_t valid, invalid, io_errors;
    size_t empty;                 /* directories named that hold no document */
    pthread_mutex_t lock;
    pthread_cond_t work;          /* a slot to claim, or the end */
    pthread_cond_t finished;      /* slots done, for the walk to print */
    struct slot ring[RING];
    size_t head, tail;            /* slots [head, tail) are in use */
    size_t claim;                 /* no slot before it is left to claim */
    size_t unclaimed;             /* slots in [claim, tail) not claimed */
    unsigned jobs, started;       /* workers asked for, and started so far */
    size_t done_unflushed;        /* done slots not yet printed */
    unsigned idle;                /* workers waiting for work */
    bool walk_waiting;            /* the walk waits for slots to be done */
    bool closed;
    bool inline_only;             /* no worker: the walk validates */
    struct sc_progress *progress; /* or NULL */
};

static void add_result(struct sc_results *r, const char *name, bool valid, char *message)
{
    r->v = sc_xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
    r->v[r->n++] = (struct sc_result){
        .id = sc_xstrdup(name), .verdict = valid ? SC_PASS : SC_FAIL,
        .expected = sc_xstrdup("valid"), .actual = sc_xstrdup(valid ? "valid" : "invalid"),
        .message = message,
    };
}

/* One document: its verdict and diagnostics into S. */
static void validate_one(const struct pipeline *p, struct slot *s)
{
    struct sc_outcome o;
    struct sc_diag diag = { 0 };
    int rc;

    /* what libxml2 makes of the document lives until the verdict is
     * known: the outcome holds copies */
    sc_xml_scope_begin();
    rc = sc_verdict_of_file(p->schema, s->path, &p->parse, &o, &diag);
    sc_xml_scope_end();
    if (rc < 0) {
        sc_diag_list_take(&s->diags, &diag);
        s->io_error = true;
        return;
    }
    if (!o.well_formed && o.xml_error.unreadable) {
        /* beyond the bounds snapcheck reads within: not judged */
        sc_diag_add_error(&s->diags, &o.xml_error);
        s->io_error = true;
        sc_outcome_clear(&o);
        return;
    }
    if (!o.well_formed)
        sc_diag_add_error(&s->diags, &o.xml_error);
    for (size_t i = 0; i < o.schema.n; i++)
        sc_diag_add(&s->diags, o.schema.v[i].line, "%s", o.schema.v[i].msg);
    if (o.well_formed && !o.parsed)
        sc_diag_add_error(&s->diags, &o.parse_error);
    s->valid = o.well_formed && o.parsed && !o.schema.n;
    sc_outcome_clear(&o);
}

/* Whether the walk, waiting, should be woken: enough done to print
 * (each wake-up is a context switch, so not one per document), or
 * nothing left to claim.  Caller holds lock. */
static bool wake_walk(const struct pipeline *p)
{
    return p->walk_waiting && (p->done_unflushed >= RING / 4 || p->unclaimed == 0);
}

/* The slot worker W takes next: the first unclaimed one in a block of
 * its own, or else the first unclaimed one.  Caller holds lock, and
 * there is one. */
static struct slot *claim_slot(struct pipeline *p, unsigned w)
{
    struct slot *first = NULL;

    if (p->claim < p->head)
        p->claim = p->head;
    while (p->ring[p->claim % RING].claimed)
        p->claim++;
    for (size_t k = p->claim; k < p->tail; k++) {
        struct slot *s = &p->ring[k % RING];
        if (s->claimed)
            continue;
        if ((k / BLOCK) % p->jobs == w) {
            first = s;
            break;
        }
        if (!first)
            first = s;
    }
    first->claimed = true;
    p->unclaimed--;
    return first;
}

static void *worker(void *opaque)
{
    struct pipeline *p = opaque;

    pthread_mutex_lock(&p->lock);
    unsigned w = p->started++;
    for (;;) {
        if (p->unclaimed == 0) {
            if (p->closed)
                break;
            p->idle++;
            pthread_cond_wait(&p->work, &p->lock);
            p->idle--;
            continue;
        }
        struct slot *s = claim_slot(p, w);
        pthread_mutex_unlock(&p->lock);
        validate_one(p, s);
        pthread_mutex_lock(&p->lock);
        s->done = true;
        p->done_unflushed++;
        if (wake_walk(p))
            pthread_cond_signal(&p->finished);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Prints the finished slots at the head, in order; caller holds lock. */
static void flush(struct pipeline *p)
{
    while (p->head < p->tail && p->ring[p->head % RING].done) {
        struct slot *s = &p->ring[p->head % RING];
        const char *name = display_name(s->path);
        if (s->diags.n && (s->io_error || !p->results))
            sc_progress_clear(p->progress);   /* diagnostics start a line of their own */
        if (s->io_error) {
            sc_diag_list_print(stderr, name, &s->diags);
            p->io_errors++;
        } else {
            p->valid += s->valid;
            p->invalid += !s->valid;
            /* a report escapes the message for its own format */
            if (p->results)
                add_result(p->results, name, s->valid,
                           s->valid ? NULL : sc_diag_list_text(name, &s->diags));
            else
                sc_diag_list_print(stderr, name, &s->diags);
        }
        free(s->path);
        sc_diag_list_free(&s->diags);
        memset(s, 0, sizeof(*s));
        p->head++;
        p->done_unflushed--;
        sc_progress_step(p->progress);
    }
}

static int enqueue(const char *path, void *opaque)
{
    struct pipeline *p = opaque;

    pthread_mutex_lock(&p->lock);
    if (p->inline_only) {
        /* no worker thread could start: validate here, in order */
        struct slot *s = &p->ring[p->tail % RING];
        s->path = sc_xstrdup(path);
        p->tail++;
        p->claim = p->tail;
        s->claimed = true;
        sc_progress_total(p->progress, p->tail, false);
        pthread_mutex_unlock(&p->lock);
        validate_one(p, s);
        pthread_mutex_lock(&p->lock);
        s->done = true;
        p->done_unflushed++;
        flush(p);
        pthread_mutex_unlock(&p->lock);
        return 0;
    }
    while (p->tail - p->head == RING) {
        flush(p);
        if (p->tail - p->head == RING) {
            p->walk_waiting = true;
            pthread_cond_wait(&p->finished, &p->lock);
            p->walk_waiting = false;
        }
    }
    p->ring[p->tail % RING].path = sc_xstrdup(path);
    p->tail++;
    p->unclaimed++;
    sc_progress_total(p->progress, p->tail, false);
    if (p->idle)
        pthread_cond_signal(&p->work);
    flush(p);
    pthread_mutex_unlock(&p->lock);
    return 0;
}

/* The walk's warnings, on a line of their own. */
static void walk_warning(const struct sc_diag *warning, void *opaque)
{
    struct pipeline *p = opaque;

    sc_progress_clear(p->progress);
    sc_diag_print(stderr, NULL, warning);
}

/* Walks every PATH through the pipeline with JOBS workers. */
static void run_pipeline(struct pipeline *p, char **paths, int npaths, unsigned jobs)
{
    pthread_t *threads = sc_xcalloc(jobs, sizeof(*threads));
    unsigned started = 0;

    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->finished, NULL);
    p->jobs = jobs;
    for (; started < jobs; started++) {
        if (pthread_create(&threads[started], NULL, worker, p) != 0)
            break;
    }
    p->inline_only = started == 0;
    pthread_mutex_lock(&p->lock);
    p->jobs = started ? started : 1;   /* the blocks of those that started */
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < npaths; i++) {
        struct sc_diag diag = { 0 };
        struct stat st;
        size_t before = p->tail;
        if (sc_walk(paths[i], true, enqueue, walk_warning, p, &diag) < 0) {
            sc_progress_clear(p->progress);
            sc_diag_print(stderr, NULL, &diag);
            sc_diag_clear(&diag);
            p->io_errors++;
        } else if (p->tail == before && stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            /* a directory with nothing to check proves nothing: a path
             * mistyped or emptied must not pass as valid */
            sc_progress_clear(p->progress);
            sc_diag_print(stderr, paths[i], &(struct sc_diag){ .msg = "no documents found (no *.xml file under it)" });
            p->empty++;
        }
    }
    pthread_mutex_lock(&p->lock);
    sc_progress_total(p->progress, p->tail, true);
    p->closed = true;
    pthread_cond_broadcast(&p->work);
    while (p->head < p->tail) {
        flush(p);
        if (p->head < p->tail) {
            p->walk_waiting = true;
            pthread_cond_wait(&p->finished, &p->lock);
            p->walk_waiting = false;
        }
    }
    pthread_mutex_unlock(&p->lock);
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->finished);
    pthread_mutex_destroy(&p->lock);
    free(threads);
}

static const struct sc_option validate_options[] = {
    SC_OPTION_SCHEMA,
    SC_OPTION_PROFILE,
    SC_OPTIONS_MODE,
    SC_OPTION_REPORT,
    SC_OPTION_JOBS,
    SC_OPTIONS_PROGRESS,
    { 0 },
};
static int cmd_validate(int argc, char **argv);
const struct sc_command sc_cmd_validate = {
    "validate", "PATH...",
    "check documents (redefine mode by default; directories: every *.xml) against the schema and "
    "the parser's rules",
    validate_options, cmd_validate,
};

static int cmd_validate(int argc, char **argv)
{
    struct doc_opts o = { .parse = { .redefine = true } };
    struct sc_results results = { 0 };
    struct sc_opt_parser op;
    const char *arg = NULL;
    int id, rc;

    sc_opt_init(&op, &sc_cmd_validate, argc, argv);
    while ((id = sc_opt_next(&op, &arg)) > 0) {
        if ((rc = doc_option(&o, id, arg)) != 0)
            return rc;
    }
    if (id < 0)
        return op.status;
    int first = op.optind;
    if (first >= argc)
        return usage_error("%s wants at least one PATH (file, directory or -)", "validate");
    if ((o.reports.n || o.reports.output) && report_plan_resolve(&o.reports) != 0)
        return EXIT_USAGE;
    bool report = o.reports.n > 0, on_stdout = false;
    for (size_t i = 0; i < o.reports.n; i++)
        on_stdout |= !o.reports.v[i].path;
    struct sc_schema *schema = load_schema(o.schema, o.parse.profile, true);
    if (!schema)
        return EXIT_USAGE;
    struct pipeline *p = sc_xcalloc(1, sizeof(*p));
    p->schema = schema;
    p->parse = o.parse;
    p->results = report ? &results : NULL;
    p->progress = sc_progress_start(o.progress, "validate", "documents");
    run_pipeline(p, argv + first, argc - first, o.jobs ? o.jobs : sc_default_jobs());
    sc_progress_end(p->progress);
    if (report) {
        results.subject = sc_xstrdup("documents checked by snapcheck validate");
        if (report_plan_emit(&o.reports, &results, NULL) < 0)
            p->io_errors++;
        sc_results_free(&results);
    }
    if (!on_stdout)
        printf("%zu valid, %zu invalid%s%s\n", p->valid, p->invalid,
               p->io_errors ? ", some could not be read" : "", p->empty ? ", a directory held none" : "");
    rc = sc_exit_status(p->io_errors || p->empty, p->invalid);
    sc_schema_free(schema);
    free(p);
    return rc;
}
