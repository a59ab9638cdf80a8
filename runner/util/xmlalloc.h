/*
 * xmlalloc.h: the allocator libxml2 allocates through (installed by
 * sc_xml_init, xmlread.c): running out of memory is the error of buf.h,
 * and small blocks are kept for reuse by the thread that freed them.
 */
#ifndef SNAPCHECK_XMLALLOC_H
#define SNAPCHECK_XMLALLOC_H

#include <stddef.h>

void *sc_xml_malloc(size_t n);
void *sc_xml_realloc(void *p, size_t n);
char *sc_xml_strdup(const char *s);
void sc_xml_free(void *p);

#endif
