/*
 * term.c: colour and progress, decided the same way by every command
 * (see term.h).  The progress line is snapcheck's own text, escaped for
 * the terminal like every other line (escape.h); only the carriage
 * return and the erase-line sequence that rewrite it in place are added
 * after, and only on a terminal.
 */
#include "util/term.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/escape.h"

/* Seconds between two drawings of the line on a terminal, and at most
 * between two plain lines. */
#define REDRAW 0.1
#define PLAIN_EVERY 5.0

int sc_when_from_string(const char *s)
{
    static const char *const names[] = { [SC_WHEN_AUTO] = "auto", [SC_WHEN_ALWAYS] = "always",
                                         [SC_WHEN_NEVER] = "never" };

    for (int i = 0; s && i < (int)(sizeof(names) / sizeof(names[0])); i++) {
        if (strcmp(s, names[i]) == 0)
            return i;
    }
    return -1;
}

/* FD is a terminal that takes escape sequences (TERM is not "dumb"). */
static bool capable_terminal(int fd)
{
    const char *term = getenv("TERM");

    return isatty(fd) && !(term && strcmp(term, "dumb") == 0);
}

bool sc_color_for(enum sc_when when, int fd)
{
    const char *no_color = getenv("NO_COLOR");

    switch (when) {
    case SC_WHEN_ALWAYS:
        return true;
    case SC_WHEN_NEVER:
        return false;
    case SC_WHEN_AUTO:
        break;
    }
    /* no-color.org: set and not empty turns colour off */
    return capable_terminal(fd) && !(no_color && *no_color);
}

struct sc_progress {
    pthread_mutex_t lock;
    bool tty;               /* one line rewritten in place */
    bool drawn;             /* that line is on the terminal now */
    const char *what, *unit;
    size_t done, total;
    bool final;             /* TOTAL can no longer grow */
    double start, last;     /* when it started, and last drew or printed */
    size_t tenths;          /* plain lines: tenths of the way reported */
    bool said_all;          /* plain lines: the last one said DONE == TOTAL */
};

static double now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct sc_progress *sc_progress_start(enum sc_when when, const char *what, const char *unit)
{
    bool tty = capable_terminal(STDERR_FILENO);

    if (when == SC_WHEN_NEVER || (!tty && when != SC_WHEN_ALWAYS))
        return NULL;
    struct sc_progress *p = sc_xcalloc(1, sizeof(*p));
    pthread_mutex_init(&p->lock, NULL);
    p->tty = tty;
    p->what = what;
    p->unit = unit;
    p->start = p->last = now_seconds();
    return p;
}

/* The line, escaped, without its end. */
static void describe(const struct sc_progress *p, struct sc_buf *b, double now)
{
    struct sc_buf text = { 0 };
    double elapsed = now - p->start;

    sc_buf_printf(&text, "snapcheck %s: %zu/%zu %s", p->what, p->done, p->total, p->unit);
    if (p->final && p->total)
        sc_buf_printf(&text, " (%zu%%)", p->done * 100 / p->total);
    else
        sc_buf_puts(&text, " so far");
    if (elapsed < 60)
        sc_buf_printf(&text, ", %.1f s", elapsed);
    else
        sc_buf_printf(&text, ", %u min %02u s", (unsigned)(elapsed / 60), (unsigned)elapsed % 60);
    sc_esc_text(b, text.data);
    sc_buf_free(&text);
}

static void put(const struct sc_buf *b)
{
    fwrite(b->data, 1, b->len, stderr);
    fflush(stderr);
}

/* Draws or prints the line as it stands; caller holds the lock. */
static void show(struct sc_progress *p, double now)
{
    struct sc_buf b = { 0 };

    if (p->tty)
        sc_buf_puts(&b, "\r");
    describe(p, &b, now);
    sc_buf_puts(&b, p->tty ? "\033[K" : "\n");
    put(&b);
    sc_buf_free(&b);
    p->drawn = p->tty;
    p->said_all = p->final && p->done == p->total;
    p->last = now;
}

void sc_progress_total(struct sc_progress *p, size_t total, bool final)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->total = total;
    p->final = final;
    pthread_mutex_unlock(&p->lock);
}

void sc_progress_step(struct sc_progress *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    double now = now_seconds();
    p->done++;
    bool all = p->final && p->done >= p->total;
    if (p->tty) {
        if (all || now - p->last >= REDRAW)
            show(p, now);
    } else {
        size_t tenths = p->final && p->total ? p->done * 10 / p->total : 0;
        if (tenths > p->tenths || now - p->last >= PLAIN_EVERY) {
            p->tenths = tenths > p->tenths ? tenths : p->tenths;
            show(p, now);
        }
    }
    pthread_mutex_unlock(&p->lock);
}

static void erase(struct sc_progress *p)
{
    if (p->drawn) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        p->drawn = false;
    }
}

void sc_progress_clear(struct sc_progress *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    erase(p);
    pthread_mutex_unlock(&p->lock);
}

void sc_progress_end(struct sc_progress *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    if (p->tty)
        erase(p);
    else if (!p->said_all)
        show(p, now_seconds());
    pthread_mutex_unlock(&p->lock);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
