/*
 * memo.c: subtree hashing and the shared set of accepted domains (see
 * memo.h).  The set is an open-addressing table of 128-bit hashes under
 * one mutex.  It starts small and doubles when half full, so that its
 * memory follows what it holds, and stops growing at a fixed size,
 * after which new domains are simply validated in full.
 */
#include "schema/memo.h"

#include <pthread.h>
#include <sys/random.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmlread.h"

#define MEMO_FIRST 1024    /* slots at first; a power of two */

struct sc_memo {
    pthread_mutex_t lock;
    struct sc_hash *slots;
    uint64_t *values;     /* what each hash maps to, for a map */
    bool *used;
    size_t cap, max, n;   /* slots, the most there may be, used */
};

/* Two independent 64-bit streams, eight bytes at a time: an FNV-style
 * multiply and a multiply-shift mix. */
static inline void mix_word(struct sc_hash *h, uint64_t w)
{
    h->a = (h->a ^ w) * 0x100000001b3ULL;
    h->a ^= h->a >> 32;
    h->b = (h->b + w + 1) * 0x9e3779b97f4a7c15ULL;
    h->b ^= h->b >> 29;
}

static inline uint64_t load64(const unsigned char *p)
{
    uint64_t w;

    memcpy(&w, p, 8);
    return w;
}

static inline uint64_t load32(const unsigned char *p)
{
    uint32_t w;

    memcpy(&w, p, 4);
    return w;
}

static inline uint64_t load16(const unsigned char *p)
{
    uint16_t w;

    memcpy(&w, p, 2);
    return w;
}

/* A tagged string, as words that can be read back one way only:
 * - up to 6 bytes: one word, the bytes (the first four, then the last
 *   two; the first, middle and last when fewer than four), the length
 *   in byte 6 and the tag in byte 7;
 * - NULL: the tag and a length no string has;
 * - longer: the tag and the length (byte 6 is then 0), then the bytes:
 *   up to 8 in one word (the first four, the last four), else eight at a
 *   time, the last eight overlapping the ones before.
 * Bytes are read in words, not one by one. */
static inline void mix_str(struct sc_hash *h, const xmlChar *s, uint64_t tag)
{
    const unsigned char *p = s;
    size_t len;
    uint64_t w;

    tag <<= 56;
    if (!s) {
        mix_word(h, tag | SIZE_MAX >> 8);
        return;
    }
    len = strlen((const char *)s);
    if (len <= 6) {
        if (len >= 4)
            w = load32(p) | load16(p + len - 2) << 32;
        else if (len)
            w = (uint64_t)p[0] | (uint64_t)p[len / 2] << 8 | (uint64_t)p[len - 1] << 16;
        else
            w = 0;
        mix_word(h, tag | (uint64_t)len << 48 | w);
        return;
    }
    mix_word(h, tag | (uint64_t)len);
    if (len <= 8) {
        mix_word(h, load32(p) | load32(p + len - 4) << 32);
        return;
    }
    for (; len > 8; p += 8, len -= 8)
        mix_word(h, load64(p));
    mix_word(h, load64(p + len - 8));
}

/* How attribute values count: by SIG's word where it gives one. */
struct by_value {
    sc_value_signature_fn *sig;
    const void *ctx;
};

/* An element's name and attributes. */
static inline void hash_head(struct sc_hash *h, xmlNodePtr n, const struct by_value *by)
{
    uint64_t sig;

    mix_str(h, n->name, '<');
    mix_str(h, n->ns ? n->ns->href : NULL, 'n');
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        mix_str(h, a->name, '@');
        mix_str(h, a->ns ? a->ns->href : NULL, 'n');
        if (by && by->sig(by->ctx, a, &sig)) {
            mix_word(h, (uint64_t)'s' << 56);
            mix_word(h, sig);
            continue;
        }
        for (xmlNodePtr t = a->children; t; t = t->next)
            mix_str(h, t->content, '=');
    }
}

/* TOP and everything below it, in document order; an element's end is
 * a word of its own. */
static void hash_tree(struct sc_hash *out, xmlNodePtr top, const struct by_value *by)
{
    struct sc_hash h = *out;
    xmlNodePtr n = top;

    for (;;) {
        if (n->type == XML_ELEMENT_NODE) {
            hash_head(&h, n, by);
            if (n->children) {
                n = n->children;
                continue;
            }
            mix_word(&h, (uint64_t)'>' << 56);
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            mix_str(&h, n->content, 't');
        } else if (n->type == XML_ENTITY_REF_NODE) {
            mix_str(&h, n->name, '&');
        }
        /* on to the next node, closing the elements left behind */
        while (n != top && !n->next) {
            n = n->parent;
            mix_word(&h, (uint64_t)'>' << 56);
        }
        if (n == top)
            break;
        n = n->next;
    }
    *out = h;
}

/* TOP as the bytes it was read from (sc_xml_element_bytes, LEN of
 * them): its name and attributes, the namespace declarations in scope
 * (on it and its ancestors, nearest first: the first of a prefix is the
 * one that counts), then the bytes, eight at a time after their
 * length. */
static void hash_bytes(struct sc_hash *out, xmlNodePtr top, const char *bytes, size_t len)
{
    struct sc_hash h = *out;
    const unsigned char *p = (const unsigned char *)bytes;

    mix_word(&h, (uint64_t)'B' << 56);
    hash_head(&h, top, NULL);
    for (xmlNodePtr n = top; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        for (xmlNsPtr ns = n->nsDef; ns; ns = ns->next) {
            mix_str(&h, ns->prefix, 'p');
            mix_str(&h, ns->href, 'h');
        }
    }
    mix_word(&h, (uint64_t)'b' << 56 | len);
    for (; len >= 8; p += 8, len -= 8)
        mix_word(&h, load64(p));
    if (len) {
        uint64_t w = 0;
        memcpy(&w, p, len);
        mix_word(&h, w);
    }
    *out = h;
}

/* Per-process random starting points: a document cannot be made, ahead
 * of time, to collide with another one's domain. */
static struct sc_hash key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void make_key(void)
{
    key = (struct sc_hash){ 0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL };
    if (getrandom(&key, sizeof(key), 0) != (ssize_t)sizeof(key))
        key.a ^= (uint64_t)time(NULL) * 0x9e3779b97f4a7c15ULL;
}

struct sc_hash sc_subtree_hash(xmlNodePtr node)
{
    struct sc_hash h;
    const char *bytes;
    size_t len;

    pthread_once(&key_once, make_key);
    h = key;
    /* the bytes, when they stand for the subtree, are read faster than
     * the tree is walked */
    if ((bytes = sc_xml_element_bytes(node, &len)))
        hash_bytes(&h, node, bytes, len);
    else
        hash_tree(&h, node, NULL);
    return h;
}

struct sc_hash sc_string_hash(const xmlChar *s, uint64_t tag)
{
    struct sc_hash h;

    pthread_once(&key_once, make_key);
    h = key;
    mix_word(&h, (uint64_t)'S' << 56 | (tag & (UINT64_MAX >> 8)));
    mix_str(&h, s, 'S');
    return h;
}

struct sc_hash sc_subtree_hash_by(xmlNodePtr node, sc_value_signature_fn *sig, const void *ctx)
{
    struct by_value by = { sig, ctx };
    struct sc_hash h;

    if (!sig)
        return sc_subtree_hash(node);
    pthread_once(&key_once, make_key);
    h = key;
    mix_word(&h, (uint64_t)'V' << 56);
    hash_tree(&h, node, &by);
    return h;
}

struct sc_memo *sc_memo_new(size_t max)
{
    struct sc_memo *m = sc_xcalloc(1, sizeof(*m));

    m->max = max < MEMO_FIRST ? MEMO_FIRST : max;
    pthread_mutex_init(&m->lock, NULL);
    m->cap = MEMO_FIRST;
    m->slots = sc_xcalloc(m->cap, sizeof(*m->slots));
    m->values = sc_xcalloc(m->cap, sizeof(*m->values));
    m->used = sc_xcalloc(m->cap, sizeof(*m->used));
    return m;
}

void sc_memo_free(struct sc_memo *m)
{
    if (!m)
        return;
    pthread_mutex_destroy(&m->lock);
    free(m->slots);
    free(m->values);
    free(m->used);
    free(m);
}

/* The slot of H, or of the empty place it would go; caller holds lock. */
static size_t probe(const struct sc_memo *m, struct sc_hash h)
{
    size_t i = (size_t)h.a & (m->cap - 1);

    while (m->used[i] && (m->slots[i].a != h.a || m->slots[i].b != h.b))
        i = (i + 1) & (m->cap - 1);
    return i;
}

/* Twice the slots, every hash in its new place; caller holds lock. */
static void grow(struct sc_memo *m)
{
    struct sc_hash *slots = m->slots;
    uint64_t *values = m->values;
    bool *used = m->used;
    size_t cap = m->cap;

    m->cap *= 2;
    m->slots = sc_xcalloc(m->cap, sizeof(*m->slots));
    m->values = sc_xcalloc(m->cap, sizeof(*m->values));
    m->used = sc_xcalloc(m->cap, sizeof(*m->used));
    for (size_t i = 0; i < cap; i++) {
        if (!used[i])
            continue;
        size_t k = probe(m, slots[i]);
        m->used[k] = true;
        m->slots[k] = slots[i];
        m->values[k] = values[i];
    }
    free(slots);
    free(values);
    free(used);
}

bool sc_memo_get(struct sc_memo *m, struct sc_hash h, uint64_t *value)
{
    pthread_mutex_lock(&m->lock);
    size_t i = probe(m, h);
    bool found = m->used[i];
    if (found && value)
        *value = m->values[i];
    pthread_mutex_unlock(&m->lock);
    return found;
}

void sc_memo_put(struct sc_memo *m, struct sc_hash h, uint64_t value)
{
    pthread_mutex_lock(&m->lock);
    if (m->n + 1 > m->cap / 2 && m->cap < m->max)
        grow(m);
    size_t i = probe(m, h);
    if (!m->used[i] && m->n < m->cap / 2) {
        m->used[i] = true;
        m->slots[i] = h;
        m->values[i] = value;
        m->n++;
    }
    pthread_mutex_unlock(&m->lock);
}

bool sc_memo_has(struct sc_memo *m, struct sc_hash h)
{
    return sc_memo_get(m, h, NULL);
}

void sc_memo_add(struct sc_memo *m, struct sc_hash h)
{
    sc_memo_put(m, h, 0);
}
