/*
 * xmlalloc.c: the allocator libxml2 allocates through (see xmlalloc.h).
 *
 * A document's tree, and a validation's states, are thousands of small
 * blocks allocated and then all freed, document after document.  The C
 * library's per-thread cache keeps only a few blocks of each size; the
 * rest go back to its shared bins and are sorted and merged there, which
 * cost about a third of validate's time.  Here each thread keeps the
 * small blocks it frees, by size class, up to a bounded number of bytes
 * per class, and hands them out again first.  They remain the C
 * library's blocks: any of them may be passed to free() or realloc(),
 * and what a thread keeps is freed when it ends.  Under AddressSanitizer
 * nothing is kept, so that a use after free is still caught.
 */
#include "util/xmlalloc.h"

#include <malloc.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#if defined(__SANITIZE_ADDRESS__)
#define KEEP_BLOCKS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KEEP_BLOCKS 0
#endif
#endif
#ifndef KEEP_BLOCKS
#define KEEP_BLOCKS 1
#endif

/* Classes of 16 bytes, as the C library rounds requests (a block of
 * class C holds 16 C - 8 bytes), up to 1 KiB; at most KEEP bytes each,
 * about what one document's tree needs, so that a thread keeps 4 MiB
 * at most and memory stays flat however many documents pass. */
#define CLASSES 64
#define KEEP (64u << 10)

struct kept {
    void *head[CLASSES];
    size_t bytes[CLASSES];
    bool registered;
};

static _Thread_local struct kept kept;
static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void release(void *opaque)
{
    struct kept *k = opaque;

    for (size_t c = 0; c < CLASSES; c++) {
        while (k->head[c]) {
            void *next = *(void **)k->head[c];
            free(k->head[c]);
            k->head[c] = next;
        }
        k->bytes[c] = 0;
    }
}

static void make_key(void)
{
    pthread_key_create(&key, release);
}

/* The class of a request of N bytes; CLASSES when too big to keep. */
static size_t class_of(size_t n)
{
    size_t c = (n + 8 + 15) / 16;

    return c < 2 ? 2 : c < CLASSES ? c : CLASSES;
}

void *sc_xml_malloc(size_t n)
{
    size_t c = class_of(n);

    if (KEEP_BLOCKS && c < CLASSES && kept.head[c]) {
        void *p = kept.head[c];
        kept.head[c] = *(void **)p;
        kept.bytes[c] -= 16 * c;
        /* the next block of the class is read when it is handed out:
         * on its way to the cache by then */
        __builtin_prefetch(kept.head[c]);
        return p;
    }
    return sc_xmalloc(n);
}

/* What a thread keeps is freed when it ends.  Out of line, and before
 * anything else in sc_xml_free, which then keeps few registers. */
static __attribute__((noinline)) void register_thread(void)
{
    pthread_once(&key_once, make_key);
    pthread_setspecific(key, &kept);
    kept.registered = true;
}

void sc_xml_free(void *p)
{
    if (!p)
        return;
    if (KEEP_BLOCKS && !kept.registered)
        register_thread();
    size_t usable = malloc_usable_size(p), c = (usable + 8) / 16;
    if (!KEEP_BLOCKS || c >= CLASSES || 16 * c - 8 != usable || kept.bytes[c] + 16 * c > KEEP) {
        free(p);
        return;
    }
    *(void **)p = kept.head[c];
    kept.head[c] = p;
    kept.bytes[c] += 16 * c;
}

void *sc_xml_realloc(void *p, size_t n)
{
    return p ? sc_xrealloc(p, n) : sc_xml_malloc(n);
}

char *sc_xml_strdup(const char *s)
{
    size_t n = strlen(s) + 1;

    return memcpy(sc_xml_malloc(n), s, n);
}
