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

#include "bench.h"
#include "buf.h"
#include "snapshot.h"
#include "fileio.h"

#define LIBVIRT_SCHEMA "/usr/share/libvirt/schemas/domainsnapshot.rng"

static int runs = 5;

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs ARGV once, output discarded; wall time and peak RSS (KiB). */
static int run_once(char *const *argv, double *secs, long *rss_kib)
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
    *rss_kib = ru.ru_maxrss;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* The median wall time of N runs of ARGV (and the largest RSS). */
static double median(char *const *argv, int n, long *rss_kib)
{
    double t[16];
    long rss = 0;

    if (n > 16)
        n = 16;
    for (int i = 0; i < n; i++) {
        long r = 0;
        if (run_once(argv, &t[i], &r) == 127) {
            fprintf(stderr, "bench: cannot run %s\n", argv[0]);
            return -1;
        }
        rss = r > rss ? r : rss;
    }
    qsort(t, (size_t)n, sizeof(t[0]), cmp_double);
    *rss_kib = rss;
    return t[n / 2];
}

struct row {
    char key[48];          /* stable name, for saved tables */
    char what[96];
    double docs, secs;
    long rss_kib;
    double ratio;          /* this tool's time / snapcheck's on the same work */
    bool extrapolated;
};

static struct row rows[32];
static int nrows;

static struct row *measure(const char *key, const char *what, double docs, char *const *argv)
{
    struct row *r = &rows[nrows++];

    snprintf(r->key, sizeof(r->key), "%s", key);
    snprintf(r->what, sizeof(r->what), "%s", what);
    r->docs = docs;
    r->secs = median(argv, runs, &r->rss_kib);
    fprintf(stderr, "bench: %-44s %8.3f s\n", what, r->secs);
    return r;
}

static struct row *find(const char *key)
{
    for (int i = 0; i < nrows; i++) {
        if (!strcmp(rows[i].key, key))
            return &rows[i];
    }
    return NULL;
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

/* virt-xml-validate runs one process per file: time a sample and scale. */
static void measure_virt_xml_validate(const char *dir, double docs)
{
    struct sc_strings files = { 0 };
    struct row *r = &rows[nrows++];
    double total = 0;

    bench_list_files(dir, &files, 20);
    for (size_t i = 0; i < files.n; i++) {
        char *argv[] = { "virt-xml-validate", files.v[i], NULL };
        long rss;
        double t = median(argv, 1, &rss);
        total += t;
        r->rss_kib = rss > r->rss_kib ? rss : r->rss_kib;
        free(files.v[i]);
    }
    snprintf(r->key, sizeof(r->key), "virt-xml-validate-1k");
    snprintf(r->what, sizeof(r->what), "virt-xml-validate, per file (%zu-file sample)", files.n);
    r->docs = docs;
    r->secs = files.n ? total / (double)files.n * docs : -1;
    r->extrapolated = true;
    free(files.v);
    fprintf(stderr, "bench: %-44s %8.3f s (extrapolated)\n", r->what, r->secs);
}

static void ratio_to(const char *key, const char *ref)
{
    struct row *r = find(key), *s = find(ref);

    if (r && s && s->secs > 0 && r->secs > 0)
        r->ratio = r->secs / s->secs;
}

static void print_table(FILE *out)
{
    fprintf(out, "%-52s %7s %9s %11s %8s %9s\n", "what", "docs", "median s", "docs/s",
            "ratio", "peak RSS");
    for (int i = 0; i < nrows; i++) {
        const struct row *r = &rows[i];
        fprintf(out, "%-52s %7.0f %9.3f %11.0f ", r->what, r->docs, r->secs,
                r->secs > 0 ? r->docs / r->secs : 0);
        if (r->ratio > 0)
            fprintf(out, "%7.1fx ", r->ratio);
        else
            fprintf(out, "%8s ", "-");
        fprintf(out, "%6.1f MB%s\n", (double)r->rss_kib / 1024, r->extrapolated ? " (extrapolated)" : "");
    }
    fputs("ratio: the tool's time over snapcheck validate's on the same files and schema\n", out);
}

struct target {
    const char *key, *what;
    double value, limit;
    bool at_most;          /* value must be <= limit (else >=) */
};

static int targets(FILE *out, struct target *t)
{
    struct row *v1l = find("snapcheck-validate-1k-libvirt"), *v10l = find("snapcheck-validate-10k-libvirt");
    struct row *v1 = find("snapcheck-validate-1k"), *v10 = find("snapcheck-validate-10k");
    struct row *x1l = find("xmllint-relaxng-1k-libvirt"), *virt = find("virt-xml-validate-1k");
    struct row *d1k = find("snapcheck-validate-disks-1000"), *d10k = find("snapcheck-validate-disks-10000");
    struct row *small = find("snapcheck-validate-small-100k");
    int n = 0;

#define TARGET(k, w, v, l, most) t[n++] = (struct target){ k, w, v, l, most }
    TARGET("target-vs-xmllint", "validate / xmllint batch time, libvirt schema, 1k docs",
           v1l->secs / x1l->secs, 0.4, true);
    TARGET("target-vs-virt-xml-validate", "virt-xml-validate / validate time, libvirt schema, 1k docs",
           virt->secs / v1l->secs, 100, false);
    TARGET("target-linear-docs", "validate 10k docs / 1k docs time, suite schema", v10->secs / v1->secs, 11, true);
    TARGET("target-linear-docs-libvirt", "validate 10k docs / 1k docs time, libvirt schema",
           v10l->secs / v1l->secs, 11, true);
    TARGET("target-linear-disks", "validate 10000-disk / 1000-disk document time", d10k->secs / d1k->secs, 12, true);
    TARGET("target-memory-100k", "validate 100,000 small documents, peak RSS in MB",
           (double)small->rss_kib / 1024, 64, true);
#undef TARGET
    fputs("\ntargets:\n", out);
    for (int i = 0; i < n; i++)
        fprintf(out, "  %-4s %-62s %8.2f (%s %g)\n",
                (t[i].at_most ? t[i].value <= t[i].limit : t[i].value >= t[i].limit) ? "met" : "MISS",
                t[i].what, t[i].value, t[i].at_most ? "at most" : "at least", t[i].limit);
    return n;
}

static void write_tsv(const char *path, const struct target *t, int nt)
{
    struct sc_buf b = { 0 };
    char errbuf[256];

    sc_buf_puts(&b, "# key\tvalue\tbetter\n");
    for (int i = 0; i < nrows; i++) {
        if (rows[i].ratio > 0)
            sc_buf_printf(&b, "%s\t%.4f\thigher\n", rows[i].key, rows[i].ratio);
    }
    for (int i = 0; i < nt; i++)
        sc_buf_printf(&b, "%s\t%.4f\t%s\n", t[i].key, t[i].value, t[i].at_most ? "lower" : "higher");
    if (sc_write_file(path, b.data, b.len, errbuf, sizeof(errbuf)) < 0)
        fprintf(stderr, "bench: %s\n", errbuf);
    sc_buf_free(&b);
}

/* Flags every value that moved the wrong way by more than 20%. */
static int compare(FILE *out, const char *saved_path, const char *now_path)
{
    char errbuf[256], *saved = NULL, *cur = NULL;
    size_t len;
    int worse = 0;

    if (sc_read_file(saved_path, &saved, &len, errbuf, sizeof(errbuf)) < 0) {
        fprintf(out, "\nno saved table at %s (make bench-save writes one)\n", saved_path);
        return 0;
    }
    sc_read_file(now_path, &cur, &len, errbuf, sizeof(errbuf));
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

/* A bar chart of documents per second on the 1k corpus, log scale. */
static void chart(const char *outdir)
{
    char *dat = sc_xasprintf("%s/chart.dat", outdir), *png = sc_xasprintf("%s/chart.png", outdir);
    struct sc_buf b = { 0 };
    char errbuf[256];

    for (int i = 0; i < nrows; i++) {
        if (strstr(rows[i].key, "-1k") && rows[i].secs > 0)
            sc_buf_printf(&b, "\"%s\" %.1f\n", rows[i].key, rows[i].docs / rows[i].secs);
    }
    sc_write_file(dat, b.data, b.len, errbuf, sizeof(errbuf));
    char *script = sc_xasprintf(
        "set terminal png size 1100,600\nset output '%s'\nset title 'documents per second, 1,000 snapshot documents (higher is better)'\n"
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

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: bench DATADIR OUTDIR [SAVED-TABLE]\n", stderr);
        return 2;
    }
    const char *data = argv[1], *out = argv[2];
    char *tool = sc_xasprintf("%s/runner/snapcheck", data), *schema = sc_xasprintf("%s/rng/domainsnapshot.rng", data);
    char *tmpl = sc_xasprintf("%s/bench/domain-template.xml", data);
    char *c = sc_xasprintf("%s/corpora", out);
    char *docs1k = sc_xasprintf("%s/docs-1k", c), *docs10k = sc_xasprintf("%s/docs-10k", c);
    char *small = sc_xasprintf("%s/small-100k", c);

    if (getenv("BENCH_RUNS"))
        runs = atoi(getenv("BENCH_RUNS")) > 0 ? atoi(getenv("BENCH_RUNS")) : runs;
    sc_xml_init();
    mkdir(out, 0755);
    mkdir(c, 0755);
    /* Generated in a child, so that this process stays small: a child
     * forked to run a tool starts with this process's memory, and that
     * would count in the peak RSS measured for the tool. */
    pid_t gen = fork();
    int status = 1;
    if (gen == 0)
        _exit(bench_make_corpora(tmpl, c) < 0 ? 1 : 0);
    if (gen < 0 || waitpid(gen, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return 1;
    measure("snapcheck-validate-1k", "snapcheck validate", 1000,
            (char *[]){ tool, "validate", docs1k, NULL });
    measure("snapcheck-validate-1k-libvirt", "snapcheck validate --schema libvirt", 1000,
            (char *[]){ tool, "validate", "--schema", LIBVIRT_SCHEMA, docs1k, NULL });
    char **a = with_files((const char *[]){ "xmllint", "--noout", "--relaxng", schema, NULL }, docs1k, 0);
    measure("xmllint-relaxng-1k", "xmllint --relaxng, one batch", 1000, a);
    free_with_files(a, 4);
    a = with_files((const char *[]){ "xmllint", "--noout", "--relaxng", LIBVIRT_SCHEMA, NULL }, docs1k, 0);
    measure("xmllint-relaxng-1k-libvirt", "xmllint --relaxng libvirt, one batch", 1000, a);
    free_with_files(a, 4);
    a = with_files((const char *[]){ "xmllint", "--noout", NULL }, docs1k, 0);
    measure("xmllint-parse-1k", "xmllint parse only (the floor)", 1000, a);
    free_with_files(a, 2);
    a = with_files((const char *[]){ "jing", schema, NULL }, docs1k, 0);
    measure("jing-1k", "jing, one batch", 1000, a);
    free_with_files(a, 2);
    a = with_files((const char *[]){ "jing", LIBVIRT_SCHEMA, NULL }, docs1k, 0);
    measure("jing-1k-libvirt", "jing libvirt, one batch", 1000, a);
    free_with_files(a, 2);
    measure_virt_xml_validate(docs1k, 1000);
    measure("snapcheck-run", "snapcheck run (the suite's cases, not documents)", 0,
            (char *[]){ tool, "run", NULL });
    measure("snapcheck-validate-10k", "snapcheck validate, 10k docs", 10000,
            (char *[]){ tool, "validate", docs10k, NULL });
    measure("snapcheck-validate-10k-libvirt", "snapcheck validate --schema libvirt, 10k docs", 10000,
            (char *[]){ tool, "validate", "--schema", LIBVIRT_SCHEMA, docs10k, NULL });
    static const char *const sizes[] = { "10", "1000", "10000" };
    for (int i = 0; i < 3; i++) {
        char *dir = sc_xasprintf("%s/disks-%s", c, sizes[i]);
        char key[64], what[96];
        snprintf(key, sizeof(key), "snapcheck-validate-disks-%s", sizes[i]);
        snprintf(what, sizeof(what), "snapcheck validate, one document of %s disks", sizes[i]);
        measure(key, what, 1, (char *[]){ tool, "validate", dir, NULL });
        free(dir);
    }
    int saved_runs = runs;
    runs = 1;
    measure("snapcheck-validate-small-100k", "snapcheck validate, 100,000 small docs", 100000,
            (char *[]){ tool, "validate", small, NULL });
    runs = saved_runs;
    struct sc_strings cases = { 0 };
    char *cases_dir = sc_xasprintf("%s/cases", data);
    bench_list_files(cases_dir, &cases, 0);
    find("snapcheck-run")->docs = (double)cases.n - 1;   /* all but the manifest */
    for (size_t i = 0; i < cases.n; i++)
        free(cases.v[i]);
    free(cases.v);
    free(cases_dir);
    ratio_to("xmllint-relaxng-1k", "snapcheck-validate-1k");
    ratio_to("xmllint-parse-1k", "snapcheck-validate-1k");
    ratio_to("jing-1k", "snapcheck-validate-1k");
    ratio_to("xmllint-relaxng-1k-libvirt", "snapcheck-validate-1k-libvirt");
    ratio_to("jing-1k-libvirt", "snapcheck-validate-1k-libvirt");
    ratio_to("virt-xml-validate-1k", "snapcheck-validate-1k-libvirt");

    struct target t[8];
    char *txt = sc_xasprintf("%s/table.txt", out), *tsv = sc_xasprintf("%s/table.tsv", out);
    char *report = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&report, &len);
    if (!mem)
        sc_out_of_memory();
    struct rusage self;
    getrusage(RUSAGE_SELF, &self);
    fprintf(mem, "snapcheck bench: median of %d runs, %ld cores; peak RSS includes up to %.1f MB of\n"
                 "the bench process itself, which each measured process starts from\n\n",
            runs, sysconf(_SC_NPROCESSORS_ONLN), (double)self.ru_maxrss / 1024);
    print_table(mem);
    int nt = targets(mem, t);
    write_tsv(tsv, t, nt);
    if (argc > 3)
        compare(mem, argv[3], tsv);
    if (fclose(mem) != 0 || !report)
        sc_out_of_memory();
    fputs(report, stdout);
    char errbuf[256];
    if (sc_write_file(txt, report, len, errbuf, sizeof(errbuf)) < 0)
        fprintf(stderr, "bench: %s\n", errbuf);
    chart(out);
    free(report);
    return 0;
}
