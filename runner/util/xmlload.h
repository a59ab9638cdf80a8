/*
 * xmlload.h: the XML files libxml2 opens by name (a schema given with
 * --schema, the files it includes or refers to, any file read with
 * xmlReadFile) and the messages libxml2 gives meanwhile.
 *
 * Every such file goes through one loader, installed by sc_xml_init():
 * it reads local regular files only (never the network, a directory, a
 * device, a pipe or a socket), at most SC_MAX_FILE bytes of each, and
 * refuses a DOCTYPE, so that no entity is ever declared in a grammar.
 * While a capture is active on a thread, every message libxml2 gives
 * there, structured or through its generic error function, becomes one
 * diagnostic instead of text on standard error, and the files read count
 * against the capture's budget.  snapshot documents are read from memory
 * (sc_xml_read_memory), not through here.
 */
#ifndef SNAPCHECK_XMLLOAD_H
#define SNAPCHECK_XMLLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "util/buf.h"
#include "util/diag.h"

/* What one schema may read, all its files together: about five times
 * what libvirt's snapshot grammar reads (830 KiB in 24 files, its
 * domain grammar three times over).  libxml2 needs some 30 bytes of
 * memory for each byte of a grammar it compiles. */
#define SC_MAX_SCHEMA_BYTES (4u * 1024 * 1024)
#define SC_MAX_SCHEMA_FILES 256

struct sc_xml_budget {
    size_t bytes, files;   /* read so far */
    bool spent;            /* a file was refused for it (said once) */
};

struct sc_xml_capture {
    struct sc_diag_list *diags;
    char *name, *name_uri;            /* the main file, as given and as libxml2 names it */
    struct sc_xml_budget *budget;     /* or NULL: no budget */
    struct sc_buf pending;            /* generic text up to its newline */
    xmlStructuredErrorFunc saved_serror;
    void *saved_sctx;
    xmlGenericErrorFunc saved_error;
    void *saved_ctx;
    struct sc_xml_capture *outer;
};

/* Installs the loader; sc_xml_init() calls it. */
void sc_xml_loader_install(void);

/* From now until sc_xml_capture_end(), on this thread: libxml2's
 * messages go to DIAGS and files read count against BUDGET (NULL for
 * none).  NAME is the file messages are about unless libxml2 names
 * another one (which the diagnostic then carries); NULL when they are
 * all about the list's own file (a document being validated). */
void sc_xml_capture_begin(struct sc_xml_capture *c, struct sc_diag_list *diags,
                          const char *name, struct sc_xml_budget *budget);
void sc_xml_capture_end(struct sc_xml_capture *c);

/* The structured handler of a capture, for libxml2 contexts that take
 * their own (xmlRelaxNGSetParserStructuredErrors…); CAPTURE is the
 * struct sc_xml_capture. */
void sc_xml_capture_error(void *capture, xmlErrorPtr e);

/* xmlReadFile(PATH) without network, under a capture of its own into
 * DIAGS (which are about the file NAME) counting against BUDGET; NULL
 * when it cannot be read or parsed (the reasons are in DIAGS). */
xmlDocPtr sc_xml_read_file(const char *path, const char *name, struct sc_diag_list *diags,
                           struct sc_xml_budget *budget);

#endif
