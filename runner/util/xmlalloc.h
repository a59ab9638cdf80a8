/*
 * xmlalloc.h: the allocator libxml2 allocates through (installed by
 * sc_xml_init, xmlread.c): running out of memory is the error of buf.h,
 * small blocks are kept for reuse by the thread that freed them, and a
 * document scope takes its blocks from an arena.
 */
#ifndef SNAPCHECK_XMLALLOC_H
#define SNAPCHECK_XMLALLOC_H

#include <stdbool.h>
#include <stddef.h>

void *sc_xml_malloc(size_t n);
void *sc_xml_realloc(void *p, size_t n);
char *sc_xml_strdup(const char *s);
void sc_xml_free(void *p);

/* A document scope, in the calling thread: from sc_xml_scope_begin to
 * sc_xml_scope_end, what libxml2 allocates comes from the thread's
 * arena, and freeing it is nothing; the end takes it all back at once.
 * Nothing libxml2 allocated in the scope may be used after it: what is
 * kept is copied out first.  The end also clears the thread's last
 * libxml2 error, which holds such copies. */
void sc_xml_scope_begin(void);
void sc_xml_scope_end(void);

/* Whether P (a document, say) came from the open scope with everything
 * allocated in it so far: then the end frees it, and freeing it block by
 * block may be skipped. */
bool sc_xml_scope_holds(const void *p);

#endif
