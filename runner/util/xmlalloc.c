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
 *
 * Within a document scope (sc_xml_scope_begin), blocks come instead
 * from the thread's arena: runs of memory, handed out in order and taken
 * back all at once when the scope ends, so a document's tree need not be
 * walked to be freed.  Freeing a block is nothing while the scope fits
 * in its first chunk (a usual document does); a scope that outgrows it
 * (a document of thousands of disks) hands the small blocks it frees out
 * again, so that its memory follows what it holds.  The arena holds at
 * most ARENA_MOST bytes in a scope; past that, blocks come from the heap
 * again, and the scope no longer vouches for its documents
 * (sc_xml_scope_holds).  Under AddressSanitizer an arena block is
 * poisoned when freed and at the scope's end, and never reused in a
 * scope, so that a use after either is caught.
 */
#include "util/xmlalloc.h"

#include <malloc.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlerror.h>

#include "util/buf.h"

#if defined(__SANITIZE_ADDRESS__)
#define ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ASAN 1
#endif
#endif
#ifdef ASAN
#include <sanitizer/asan_interface.h>
#define KEEP_BLOCKS 0
#define ASAN_BUILD 1
#define POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define KEEP_BLOCKS 1
#define ASAN_BUILD 0
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
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

/* The arena: chunks, each twice the one before, the first kept from
 * one scope to the next; each block after a header that holds its
 * size.  A scope takes at most 256 MiB (validate's 3.7 MB document of
 * 10,000 disks takes less than a quarter of it). */
#define ARENA_FIRST (256u << 10)
#define ARENA_MOST (256u << 20)
#define HEAD 16

struct chunk {
    struct chunk *next;
    size_t size;             /* bytes of the chunk, this header included */
    _Alignas(16) char data[];
};

struct arena {
    struct chunk *first, *last;
    char *top, *end;         /* what is left of the last chunk */
    void *freed[CLASSES];    /* blocks freed in the scope, by 16 bytes of room */
    size_t bytes;            /* of all the chunks */
    bool open;               /* a scope is open */
    bool spilled;            /* in this scope, a block came from the heap */
    /* the usual case, asked first: a scope is open, has not spilled and
     * fits in the first chunk, whose blocks are FIRST_LO to FIRST_HI */
    bool fast;
    const char *first_lo, *first_hi;
};

static _Thread_local struct arena arena;
static pthread_key_t key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void release_chunks(struct chunk *c)
{
    while (c) {
        struct chunk *next = c->next;
        UNPOISON(c, c->size);
        free(c);
        c = next;
    }
}

static void release(void *opaque)
{
    struct kept *k = opaque;

    release_chunks(arena.first);
    arena = (struct arena){ 0 };
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

/* Whether P is a block of the arena, in this scope or an earlier one
 * (which no one may use any more). */
static bool in_first(const struct arena *a, const void *p)
{
    return (const char *)p >= a->first_lo && (const char *)p < a->first_hi;
}

static bool in_arena(const void *p)
{
    if (in_first(&arena, p))
        return true;
    for (const struct chunk *c = arena.first; c; c = c->next) {
        if ((const char *)p >= c->data && (const char *)p < (const char *)c + c->size)
            return true;
    }
    return false;
}

static size_t block_size(const void *p)
{
    return *(const size_t *)((const char *)p - HEAD);
}

/* A chunk for at least NEED more bytes: twice the last one, within
 * ARENA_MOST in all; false when that would go beyond it. */
static bool add_chunk(size_t need)
{
    size_t size = arena.last ? 2 * arena.last->size : ARENA_FIRST;

    while (size < need + sizeof(struct chunk))
        size *= 2;
    if (arena.bytes + size > ARENA_MOST)
        return false;
    struct chunk *c = sc_xmalloc(size);
    c->next = NULL;
    c->size = size;
    POISON(c->data, size - sizeof(struct chunk));
    if (arena.last) {
        arena.last->next = c;
        arena.fast = false;
    } else {
        arena.first = c;
        arena.first_lo = c->data;
        arena.first_hi = (char *)c + size;
    }
    arena.last = c;
    arena.bytes += size;
    arena.top = c->data;
    arena.end = (char *)c + size;
    return true;
}

static void *carve(size_t n, size_t need)
{
    char *h = arena.top;

    arena.top += need;
    UNPOISON(h, HEAD + n);
    *(size_t *)h = n;
    return h + HEAD;
}

/* A block of N bytes from the arena when the first chunk has no room
 * for it (sc_xml_malloc takes the other case): one freed in the scope
 * with as much room (there are some only once the scope has outgrown
 * its first chunk), or else the last chunk's, or a new one's; NULL when
 * the arena may not grow. */
static void *arena_block(size_t n)
{
    size_t room = (n + 15) / 16, need = HEAD + 16 * room;

    if (n > ARENA_MOST)
        return NULL;
    if (room < CLASSES && arena.freed[room]) {
        char *p = arena.freed[room];
        UNPOISON(p - HEAD, HEAD + n);
        arena.freed[room] = *(void **)p;
        *(size_t *)(p - HEAD) = n;
        return p;
    }
    if (need > (size_t)(arena.end - arena.top) && !add_chunk(need))
        return NULL;
    return carve(n, need);
}

/* Any case but the usual one (sc_xml_malloc). */
static __attribute__((noinline)) void *malloc_slow(size_t n)
{
    struct arena *a = &arena;

    if (a->open && !a->spilled) {
        void *p = arena_block(n);
        if (p)
            return p;
        a->spilled = true;
        a->fast = false;
    }
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

void *sc_xml_malloc(size_t n)
{
    struct arena *a = &arena;

    /* the usual case, in few instructions: the first chunk has room */
    if (a->fast && n < ARENA_FIRST) {
        size_t need = HEAD + ((n + 15) & ~(size_t)15);
        if (need <= (size_t)(a->end - a->top))
            return carve(n, need);
    }
    return malloc_slow(n);
}

/* What a thread keeps is freed when it ends.  Out of line, and before
 * anything else in free_slow, which then keeps few registers. */
static __attribute__((noinline)) void register_thread(void)
{
    pthread_once(&key_once, make_key);
    pthread_setspecific(key, &kept);
    kept.registered = true;
}

/* Any case but the usual one (sc_xml_free). */
static __attribute__((noinline)) void free_slow(void *p)
{
    if (!p)
        return;
    if (arena.first && in_arena(p)) {
        /* handed out again if the scope has outgrown its first chunk;
         * else taken back when it ends */
        size_t room = (block_size(p) + 15) / 16;
        if (!ASAN_BUILD && arena.open && arena.last != arena.first && room > 0 && room < CLASSES) {
            *(void **)p = arena.freed[room];
            arena.freed[room] = p;
            return;
        }
        POISON((char *)p - HEAD, HEAD + block_size(p));
        return;
    }
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

void sc_xml_free(void *p)
{
    const struct arena *a = &arena;

    /* a block of the first chunk, in a scope that fits in it (or in no
     * scope, when no one may use it): taken back when the scope ends */
    if (in_first(a, p) && (a->fast || !a->open)) {
        POISON((char *)p - HEAD, HEAD + block_size(p));
        return;
    }
    free_slow(p);
}

void *sc_xml_realloc(void *p, size_t n)
{
    if (!p)
        return sc_xml_malloc(n);
    if (!arena.first || !in_arena(p))
        return sc_xrealloc(p, n);
    size_t old = block_size(p);
    /* the last block grows where it is, when the chunk has room */
    size_t need = (n + 15) & ~(size_t)15;
    if (!ASAN_BUILD && arena.open && (char *)p + ((old + 15) & ~(size_t)15) == arena.top &&
        n <= ARENA_MOST && need <= (size_t)(arena.end - (char *)p)) {
        arena.top = (char *)p + need;
        *(size_t *)((char *)p - HEAD) = n;
        return p;
    }
    void *q = sc_xml_malloc(n);
    memcpy(q, p, old < n ? old : n);
    sc_xml_free(p);
    return q;
}

void sc_xml_scope_begin(void)
{
    /* the arena is freed when the thread ends */
    if (!kept.registered)
        register_thread();
    if (!arena.first && !add_chunk(0))
        return;
    arena.top = arena.first->data;
    arena.end = (char *)arena.first + arena.first->size;
    arena.open = true;
    arena.spilled = false;
    arena.fast = true;
}

void sc_xml_scope_end(void)
{
    if (!arena.open)
        return;
    /* the thread's last error holds copies made in the scope */
    xmlResetLastError();
    arena.open = false;
    arena.fast = false;
    memset(arena.freed, 0, sizeof(arena.freed));
    release_chunks(arena.first->next);
    arena.first->next = NULL;
    arena.last = arena.first;
    arena.bytes = arena.first->size;
    POISON(arena.first->data, arena.first->size - sizeof(struct chunk));
    arena.top = arena.end = NULL;
}

bool sc_xml_scope_holds(const void *p)
{
    return arena.open && !arena.spilled && in_arena(p);
}

char *sc_xml_strdup(const char *s)
{
    size_t n = strlen(s) + 1;

    return memcpy(sc_xml_malloc(n), s, n);
}
