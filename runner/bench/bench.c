/*
 * bench.c: "make bench".  Builds its own corpora (no downloads), times
 * snapcheck against the usual tools on the same files, and reports
 * documents per second and ratios, the targets they are held to, a PNG
 * chart (gnuplot) and, against a saved table, any ratio that worsened
 * by more than 20%.  Timings live here only, never in a pass/fail test.
 *
 * usage: bench DATADIR OUTDIR [SAVED-TABLE]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <libxml/parser.h>

#include "bench/bench.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/strlist.h"
#include "model/snapshot.h"
#include "schema/profile_schema.h"
#include "util/fileio.h"

#define LIBVIRT_SCHEMA "/usr/share/libvirt/schemas/domainsnapshot.rng"

static int runs = 5;

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs ARGV once, output discarded; wall time, CPU time (user and
 * system, every thread) and peak RSS (KiB). */
static int run_once(char *const *argv, double *secs, double *cpu, long *rss_kib)
{
    double start = now();
    struct rusage ru;
    int status;
    pid_t pid = fork();

    if (pid == 0) {
        FILE *null = freopen("/dev/null", "w", stdout);
        null = freopen("/dev/null", "w", stderr);
        (void)null;
        execvp(argv[0], argv);
        _exit(127);
    }
    if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
        return -1;
    *secs = now() - start;
    *cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    *rss_kib = ru.ru_maxrss;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* The median wall and CPU times of N runs of ARGV (and the largest RSS). */
static double median(char *const *argv, int n, double *cpu, long *rss_kib)
{
    double t[16], c[16];
    long rss = 0;

    if (n > 16)
        n = 16;
    for (int i = 0; i < n; i++) {
        long r = 0;
        if (run_once(argv, &t[i], &c[i], &r) == 127) {
            fprintf(stderr, "bench: cannot run %s\n", argv[0]);
            return -1;
        }
        rss = r > rss ? r : rss;
    }
    qsort(t, (size_t)n, sizeof(t[0]), cmp_double);
    qsort(c, (size_t)n, sizeof(c[0]), cmp_double);
    *rss_kib = rss;
    *cpu = c[n / 2];
    return t[n / 2];
}

struct row {
    char key[64];          /* stable name, for saved tables */
    char what[96];
    double docs, secs, cpu;
    long rss_kib;
    double ratio;          /* this tool's time / snapcheck's on the same work */
    bool extrapolated;
    bool heading;          /* a line naming the corpus of the rows below */
};

static struct row rows[128];
static int nrows;

static struct row *new_row(const char *key, const char *what)
{
    struct row *r = &rows[nrows < 127 ? nrows++ : nrows];

    memset(r, 0, sizeof(*r));
    snprintf(r->key, sizeof(r->key), "%s", key);
    snprintf(r->what, sizeof(r->what), "%s", what);
    return r;
}

static struct row *measure(const char *key, const char *what, double docs, char *const *argv)
{
    struct row *r = new_row(key, what);

    r->docs = docs;
    r->secs = median(argv, runs, &r->cpu, &r->rss_kib);
    fprintf(stderr, "bench: %-52s %8.3f s %8.3f CPU-s\n", what, r->secs, r->cpu);
    return r;
}

static struct row *find(const char *key)
{
    static struct row none;

    for (int i = 0; i < nrows; i++) {
        if (!strcmp(rows[i].key, key))
            return &rows[i];
    }
    return &none;   /* a tool that could not run: no figure */
}

/* argv for TOOL ARGS... FILES-of-DIR. */
static char **with_files(const char *const *head, const char *dir, size_t limit)
{
    struct sc_strings files = { 0 };
    size_t nhead = 0;

    bench_list_files(dir, &files, limit);
    while (head[nhead])
        nhead++;
    char **argv = sc_xcalloc(nhead + files.n + 1, sizeof(*argv));
    for (size_t i = 0; i < nhead; i++)
        argv[i] = (char *)head[i];
    for (size_t i = 0; i < files.n; i++)
        argv[nhead + i] = files.v[i];
    free(files.v);
    return argv;
}

static void free_with_files(char **argv, size_t nhead)
{
    for (size_t i = nhead; argv[i]; i++)
        free(argv[i]);
    free(argv);
}

/* A tool run once over every file of DIR, after HEAD. */
static void measure_batch(const char *key, const char *what, double docs, const char *const *head,
                          const char *dir)
{
    size_t nhead = 0;

    while (head[nhead])
        nhead++;
    char **argv = with_files(head, dir, 0);
    measure(key, what, docs, argv);
    free_with_files(argv, nhead);
}

/* virt-xml-validate runs one process per file: time a sample and scale. */
static void measure_virt_xml_validate(const char *key, const char *dir, double docs)
{
    struct sc_strings files = { 0 };
    struct row *r = new_row(key, "");
    double total = 0, cpu = 0;

    bench_list_files(dir, &files, 20);
    for (size_t i = 0; i < files.n; i++) {
        char *argv[] = { "virt-xml-validate", files.v[i], NULL };
        long rss;
        double c;
        total += median(argv, 1, &c, &rss);
        cpu += c;
        r->rss_kib = rss > r->rss_kib ? rss : r->rss_kib;
        free(files.v[i]);
    }
    snprintf(r->what, sizeof(r->what), "virt-xml-validate, per file (%zu-file sample)", files.n);
    r->docs = docs;
    r->secs = files.n ? total / (double)files.n * docs : -1;
    r->cpu = files.n ? cpu / (double)files.n * docs : -1;
    r->extrapolated = true;
    free(files.v);
    fprintf(stderr, "bench: %-52s %8.3f s (extrapolated)\n", r->what, r->secs);
}

static void ratio_to(const char *key, const char *ref)
{
    struct row *r = find(key), *s = find(ref);

    if (s->secs > 0 && r->secs > 0)
        r->ratio = r->secs / s->secs;
}

static void print_table(FILE *out)
{
    fprintf(out, "%-56s %7s %9s %8s %11s %8s %9s\n", "what", "docs", "median s", "CPU s", "docs/s",
            "ratio", "peak RSS");
    for (int i = 0; i < nrows; i++) {
        const struct row *r = &rows[i];
        if (r->heading) {
            fprintf(out, "%s\n", r->what);
            continue;
        }
        fprintf(out, "%-56s %7.0f %9.3f %8.3f %11.0f ", r->what, r->docs, r->secs, r->cpu,
                r->secs > 0 ? r->docs / r->secs : 0);
        if (r->ratio > 0)
            fprintf(out, "%7.2fx ", r->ratio);
        else
            fprintf(out, "%8s ", "-");
        fprintf(out, "%6.1f MB%s\n", (double)r->rss_kib / 1024, r->extrapolated ? " (extrapolated)" : "");
    }
    fputs("ratio: the tool's time over snapcheck validate's on the same files and schema\n", out);
}

struct target {
    char key[64], what[112];
    double value, limit;
    bool at_most;          /* value must be <= limit (else >=) */
};

static struct target tg[64];
static int ntg;

static void target(const char *key, const char *what, double value, double limit, bool at_most)
{
    if (ntg < 64)
        tg[ntg++] = (struct target){ .value = value, .limit = limit, .at_most = at_most };
    snprintf(tg[ntg - 1].key, sizeof(tg[0].key), "%s", key);
    snprintf(tg[ntg - 1].what, sizeof(tg[0].what), "%s", what);
}

static double quotient(double a, double b)
{
    return a > 0 && b > 0 ? a / b : -1;
}

/* The targets on corpus P (the key prefix of its rows), named NAME. */
static void corpus_targets(const char *p, const char *name)
{
    static const char *const sizes[] = { "1k", "10k" };
    static const char *const schemas[][2] = { { "", "suite schema" }, { "-libvirt", "libvirt schema" } };
    char k[64], r[64], w[112];

#define KEY(buf, ...) snprintf(buf, sizeof(buf), __VA_ARGS__)
    for (int s = 0; s < 2; s++) {
        for (int n = 0; n < 2; n++) {
            KEY(k, "%ssnapcheck-validate-%s%s", p, sizes[n], schemas[s][0]);
            KEY(r, "%sxmllint-relaxng-%s%s", p, sizes[n], schemas[s][0]);
            KEY(w, "%s: validate / xmllint batch, %s, %s docs", name, schemas[s][1], sizes[n]);
            char t[64];
            KEY(t, "%starget-vs-xmllint-%s%s", p, sizes[n], schemas[s][0]);
            target(t, w, quotient(find(k)->secs, find(r)->secs), 0.3, true);
        }
        KEY(k, "%ssnapcheck-validate-10k%s", p, schemas[s][0]);
        KEY(r, "%sxmllint-parse-10k", p);
        KEY(w, "%s: validate CPU / xmllint parse-only CPU, %s, 10k docs", name, schemas[s][1]);
        char t[64];
        KEY(t, "%starget-cpu-per-doc%s", p, schemas[s][0]);
        target(t, w, quotient(find(k)->cpu, find(r)->cpu), 2, true);
        char k1[64];
        KEY(k1, "%ssnapcheck-validate-1k%s", p, schemas[s][0]);
        KEY(w, "%s: validate peak RSS 10k / 1k docs, %s", name, schemas[s][1]);
        KEY(t, "%starget-rss-flat%s", p, schemas[s][0]);
        target(t, w, quotient((double)find(k)->rss_kib, (double)find(k1)->rss_kib), 1.25, true);
        KEY(w, "%s: validate time 10k / 1k docs, %s", name, schemas[s][1]);
        KEY(t, "%starget-linear-docs%s", p, schemas[s][0]);
        target(t, w, quotient(find(k)->secs, find(k1)->secs), 11, true);
        KEY(k, "%ssnapcheck-validate-disks-10000%s", p, schemas[s][0]);
        KEY(k1, "%ssnapcheck-validate-disks-1000%s", p, schemas[s][0]);
        KEY(w, "%s: validate 10000-disk / 1000-disk document time, %s", name, schemas[s][1]);
        KEY(t, "%starget-linear-disks%s", p, schemas[s][0]);
        target(t, w, quotient(find(k)->secs, find(k1)->secs), 12, true);
    }
    KEY(k, "%svirt-xml-validate-1k", p);
    KEY(r, "%ssnapcheck-validate-1k-libvirt", p);
    KEY(w, "%s: virt-xml-validate / validate time, libvirt schema, 1k docs", name);
    char t[64];
    KEY(t, "%starget-vs-virt-xml-validate", p);
    target(t, w, quotient(find(k)->secs, find(r)->secs), 100, false);
#undef KEY
}

static void targets(FILE *out)
{
    corpus_targets("real-", "libvirt");
    corpus_targets("", "generated");
    target("target-memory-100k", "validate 100,000 small documents, peak RSS in MB",
           (double)find("snapcheck-validate-small-100k")->rss_kib / 1024, 64, true);
    fputs("\ntargets:\n", out);
    for (int i = 0; i < ntg; i++) {
        const struct target *t = &tg[i];
        const char *verdict = t->value < 0 ? "n/a" :
                              (t->at_most ? t->value <= t->limit : t->value >= t->limit) ? "met" : "MISS";
        fprintf(out, "  %-4s %-80s %8.2f (%s %g)\n", verdict, t->what, t->value,
                t->at_most ? "at most" : "at least", t->limit);
    }
}

static void write_tsv(const char *path)
{
    struct sc_buf b = { 0 };
    struct sc_diag diag = { 0 };

    sc_buf_puts(&b, "# key\tvalue\tbetter\n");
    for (int i = 0; i < nrows; i++) {
        if (rows[i].ratio > 0)
            sc_buf_printf(&b, "%s\t%.4f\thigher\n", rows[i].key, rows[i].ratio);
    }
    for (int i = 0; i < ntg; i++) {
        if (tg[i].value >= 0)
            sc_buf_printf(&b, "%s\t%.4f\t%s\n", tg[i].key, tg[i].value, tg[i].at_most ? "lower" : "higher");
    }
    if (sc_write_file(path, b.data, b.len, &diag) < 0)
        fprintf(stderr, "bench: %s\n", diag.msg);
    sc_diag_clear(&diag);
    sc_buf_free(&b);
}

/* Flags every value that moved the wrong way by more than 20%. */
static int compare(FILE *out, const char *saved_path, const char *now_path)
{
    struct sc_diag diag = { 0 };
    char *saved = NULL, *cur = NULL;
    size_t len;
    int worse = 0;

    if (sc_read_file(saved_path, &saved, &len, &diag) < 0) {
        fprintf(out, "\nno saved table at %s (make bench-save writes one)\n", saved_path);
        sc_diag_clear(&diag);
        return 0;
    }
    sc_read_file(now_path, &cur, &len, &diag);
    sc_diag_clear(&diag);
    fprintf(out, "\ncompared with %s:\n", saved_path);
    for (char *line = strtok(saved, "\n"); line; line = strtok(NULL, "\n")) {
        char key[64], better[16], pat[80];
        double was, is;
        if (line[0] == '#' || sscanf(line, "%63s %lf %15s", key, &was, better) != 3)
            continue;
        snprintf(pat, sizeof(pat), "\n%s\t", key);
        char *at = cur ? strstr(cur, pat) : NULL;
        if (!at || sscanf(at + strlen(pat), "%lf", &is) != 1)
            continue;
        bool lower = !strcmp(better, "lower");
        bool regressed = lower ? is > was * 1.2 : is < was / 1.2;
        worse += regressed;
        fprintf(out, "  %-10s %-36s %10.2f -> %10.2f\n", regressed ? "WORSE" : "ok", key, was, is);
    }
    fprintf(out, "%d value%s worsened by more than 20%%\n", worse, worse == 1 ? "" : "s");
    free(saved);
    free(cur);
    return worse;
}

/* A bar chart of documents per second on 1,000 documents libvirt
 * wrote, log scale. */
static void chart(const char *outdir)
{
    char *dat = sc_xasprintf("%s/chart.dat", outdir), *png = sc_xasprintf("%s/chart.png", outdir);
    struct sc_buf b = { 0 };
    struct sc_diag diag = { 0 };

    for (int i = 0; i < nrows; i++) {
        if (!strncmp(rows[i].key, "real-", 5) && strstr(rows[i].key, "-1k") && rows[i].secs > 0)
            sc_buf_printf(&b, "\"%s\" %.1f\n", rows[i].key + 5, rows[i].docs / rows[i].secs);
    }
    sc_write_file(dat, b.data, b.len, &diag);
    sc_diag_clear(&diag);
    char *script = sc_xasprintf(
        "set terminal png size 1100,600\nset output '%s'\nset title 'documents per second, 1,000 snapshot documents libvirt wrote (higher is better)'\n"
        "set logscale y\nset style fill solid\nset boxwidth 0.6\nset xtics rotate by -30\nset grid ytics\n"
        "unset key\nplot '%s' using 0:2:xtic(1) with boxes lc rgb '#3b6ea5'\n", png, dat);
    char *cmd = sc_xasprintf("gnuplot > /dev/null 2>&1 <<'PLOT'\n%sPLOT\n", script);
    if (system(cmd) != 0)
        fprintf(stderr, "bench: gnuplot failed; no chart\n");
    else
        fprintf(stderr, "bench: chart in %s\n", png);
    free(cmd);
    free(script);
    sc_buf_free(&b);
    free(dat);
    free(png);
}

/* Every document of DIR valid by the reference (the suite's schema and
 * the parser's rules), as a timing of the valid path needs; with
 * libvirt's schema, how many it refuses (its drift) is said. */
static int check_corpus(const char *tool, const char *dir)
{
    char *cmd = sc_xasprintf("'%s' validate --no-progress '%s' 2>&1", tool, dir);
    char *lv = sc_xasprintf("'%s' validate --no-progress --schema '%s' '%s' 2>/dev/null", tool,
                            LIBVIRT_SCHEMA, dir);
    char line[512] = "";
    int rc = 0;
    FILE *f = popen(cmd, "r");

    while (f && fgets(line, sizeof(line), f)) {
        if (strstr(line, ": error: ") && rc++ < 5)
            fprintf(stderr, "bench: %s", line);
    }
    if (!f || pclose(f) != 0 || rc) {
        fprintf(stderr, "bench: %s: not every document is valid by the reference; not timed\n", dir);
        rc = -1;
    } else if ((f = popen(lv, "r"))) {
        while (fgets(line, sizeof(line), f))
            ;
        pclose(f);
        line[strcspn(line, "\n")] = '\0';
        fprintf(stderr, "bench: %s: all valid; with libvirt's schema: %s\n", dir, line);
    }
    free(cmd);
    free(lv);
    return rc;
}

static void heading(const char *what)
{
    new_row("", what)->heading = true;
}

/* The timings of one corpus, under C: its rows' keys start with P. */
static void bench_corpus(const char *tool, const char *schema, const char *c, const char *p)
{
    char *d1k = sc_xasprintf("%s/docs-1k", c), *d10k = sc_xasprintf("%s/docs-10k", c);
    static const char *const schemas[][3] = { { "", "", "suite" }, { "-libvirt", " --schema libvirt", "libvirt" } };
    const char *rng[2] = { schema, LIBVIRT_SCHEMA };
    char k[64], w[96];

#define KEY(buf, ...) snprintf(buf, sizeof(buf), __VA_ARGS__)
    for (int n = 0; n < 2; n++) {
        const char *dir = n ? d10k : d1k, *size = n ? "10k" : "1k";
        double docs = n ? 10000 : 1000;
        for (int s = 0; s < 2; s++) {
            KEY(k, "%ssnapcheck-validate-%s%s", p, size, schemas[s][0]);
            KEY(w, "snapcheck validate%s, %s docs", schemas[s][1], size);
            measure(k, w, docs, (char *[]){ (char *)tool, "validate", "--schema", (char *)rng[s], (char *)dir, NULL });
            KEY(k, "%sxmllint-relaxng-%s%s", p, size, schemas[s][0]);
            KEY(w, "xmllint --relaxng %s, one batch, %s docs", schemas[s][2], size);
            measure_batch(k, w, docs, (const char *[]){ "xmllint", "--noout", "--relaxng", rng[s], NULL }, dir);
        }
        KEY(k, "%sxmllint-parse-%s", p, size);
        KEY(w, "xmllint parse only (the floor), %s docs", size);
        measure_batch(k, w, docs, (const char *[]){ "xmllint", "--noout", NULL }, dir);
    }
    for (int s = 0; s < 2; s++) {
        KEY(k, "%sjing-1k%s", p, schemas[s][0]);
        KEY(w, "jing %s, one batch, 1k docs", schemas[s][2]);
        measure_batch(k, w, 1000, (const char *[]){ "jing", rng[s], NULL }, d1k);
    }
    KEY(k, "%svirt-xml-validate-1k", p);
    measure_virt_xml_validate(k, d1k, 1000);
    static const char *const sizes[] = { "10", "1000", "10000" };
    for (int i = 0; i < 3; i++) {
        char *dir = sc_xasprintf("%s/disks-%s", c, sizes[i]);
        for (int s = 0; s < 2; s++) {
            KEY(k, "%ssnapcheck-validate-disks-%s%s", p, sizes[i], schemas[s][0]);
            KEY(w, "snapcheck validate%s, one document of %s disks", schemas[s][1], sizes[i]);
            measure(k, w, 1, (char *[]){ (char *)tool, "validate", "--schema", (char *)rng[s], dir, NULL });
        }
        free(dir);
    }
    for (int n = 0; n < 2; n++) {
        const char *size = n ? "10k" : "1k";
        for (int s = 0; s < 2; s++) {
            char ref[64];
            KEY(ref, "%ssnapcheck-validate-%s%s", p, size, schemas[s][0]);
            KEY(k, "%sxmllint-relaxng-%s%s", p, size, schemas[s][0]);
            ratio_to(k, ref);
            if (n == 0) {
                KEY(k, "%sjing-1k%s", p, schemas[s][0]);
                ratio_to(k, ref);
            }
        }
        KEY(k, "%sxmllint-parse-%s", p, size);
        char ref[64];
        KEY(ref, "%ssnapcheck-validate-%s", p, size);
        ratio_to(k, ref);
    }
    KEY(k, "%svirt-xml-validate-1k", p);
    KEY(w, "%ssnapcheck-validate-1k-libvirt", p);
    ratio_to(k, w);
#undef KEY
    free(d1k);
    free(d10k);
}

/* Runs the corpus generator GEN in a child, so that this process stays
 * small: a child forked to run a tool starts with this process's
 * memory, and that would count in the peak RSS measured for the tool. */
static int in_child(int (*gen)(const char *, const char *), const char *a, const char *b)
{
    pid_t pid = fork();
    int status = 1;

    if (pid == 0)
        _exit(gen(a, b) < 0 ? 1 : 0);
    return pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: bench DATADIR OUTDIR [SAVED-TABLE]\n", stderr);
        return 2;
    }
    const char *data = argv[1], *out = argv[2];
    char *tool = sc_xasprintf("%s/runner/snapcheck", data);
    char *schema = sc_profile_schema_path(data, SC_PROFILE_DEFAULT);
    char *tmpl = sc_xasprintf("%s/bench/domain-template.xml", data);
    char *script = sc_xasprintf("%s/bench/libvirt-corpus.py", data);
    char *c = sc_xasprintf("%s/corpora", out), *real = sc_xasprintf("%s/corpora/libvirt", out);
    char *small = sc_xasprintf("%s/small-100k", c);

    if (getenv("BENCH_RUNS"))
        runs = atoi(getenv("BENCH_RUNS")) > 0 ? atoi(getenv("BENCH_RUNS")) : runs;
    sc_xml_init();
    mkdir(out, 0755);
    mkdir(c, 0755);
    if (in_child(bench_make_corpora, tmpl, c) < 0 || in_child(bench_make_libvirt_corpora, script, real) < 0)
        return 1;
    static const char *const sets[] = { "docs-1k", "docs-10k", "disks-10", "disks-1000", "disks-10000" };
    for (int i = 0; i < 2 * 5; i++) {
        char *dir = sc_xasprintf("%s/%s", i < 5 ? real : c, sets[i % 5]);
        int bad = check_corpus(tool, dir);
        free(dir);
        if (bad)
            return 1;
    }
    if (check_corpus(tool, small))
        return 1;

    heading("documents libvirt 9.0 wrote (bench/libvirt-corpus.py, libvirt's test driver):");
    bench_corpus(tool, schema, real, "real-");
    heading("documents the bench generates (bench/domain-template.xml):");
    bench_corpus(tool, schema, c, "");
    heading("the suite, and many small documents:");
    struct sc_strings cases = { 0 };
    char *cases_dir = sc_xasprintf("%s/cases", data);
    bench_list_files(cases_dir, &cases, 0);
    double ncases = (double)cases.n - 1;   /* all but the manifest */
    sc_strings_free(&cases);
    free(cases_dir);
    measure("snapcheck-run", "snapcheck run, in-process reference (cases)", ncases,
            (char *[]){ tool, "run", NULL });
    char *impl = sc_xasprintf("'%s' format --reason --$SNAPCHECK_MODE --now $SNAPCHECK_NOW -", tool);
    measure("snapcheck-run-impl", "snapcheck run --impl 'snapcheck format' (cases)", ncases,
            (char *[]){ tool, "run", "--impl", impl, NULL });
    free(impl);
    int saved_runs = runs;
    runs = 1;
    measure("snapcheck-validate-small-100k", "snapcheck validate, 100,000 small docs", 100000,
            (char *[]){ tool, "validate", small, NULL });
    runs = saved_runs;

    char *txt = sc_xasprintf("%s/table.txt", out), *tsv = sc_xasprintf("%s/table.tsv", out);
    char *report = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&report, &len);
    if (!mem)
        sc_out_of_memory();
    struct rusage self;
    getrusage(RUSAGE_SELF, &self);
    fprintf(mem, "snapcheck bench: median of %d runs, %ld cores; CPU s is user and system time of\n"
                 "every thread; peak RSS includes up to %.1f MB of the bench process itself, which\n"
                 "each measured process starts from\n\n",
            runs, sysconf(_SC_NPROCESSORS_ONLN), (double)self.ru_maxrss / 1024);
    print_table(mem);
    targets(mem);
    write_tsv(tsv);
    if (argc > 3)
        compare(mem, argv[3], tsv);
    if (fclose(mem) != 0 || !report)
        sc_out_of_memory();
    fputs(report, stdout);
    struct sc_diag diag = { 0 };
    if (sc_write_file(txt, report, len, &diag) < 0)
        fprintf(stderr, "bench: %s\n", diag.msg);
    sc_diag_clear(&diag);
    chart(out);
    free(report);
    return 0;
}
