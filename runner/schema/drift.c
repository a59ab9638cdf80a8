/*
 * drift.c: corrections to libvirt's domainsnapshot.rng, made on the
 * parsed grammar with XPath before it is compiled.  Each one makes the
 * schema accept what libvirt's parser accepts and its formatter writes
 * back; the facts behind them are in README.md's drift table.
 */
#include "schema/drift.h"

#include <string.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "util/buf.h"
#include "schema/grammar.h"
#include "model/states.h"

const char *const sc_drift_corrections[] = {
    "state: every state libvirt's table accepts (pmsuspended too), compared exactly "
    "(the schema's bare values collapse whitespace the parser refuses)",
    "disk <driver type>: every storage format, not only the five that can back an overlay",
    "network disk: may carry a <driver>, as libvirt writes it",
    "file and block sources: also <auth>, <reservations> (and fdgroup on a file), which "
    "libvirt's storage-source parser reads and its formatter writes back; and their "
    "children in any order, as the parser reads them (the schema's order is not even the "
    "formatter's: slices before security labels)",
    "disk: may carry <snapshotDeleteInProgress/>, which libvirt 9.0 reads and writes",
    "security label: relabel='yes' without a <label>, as libvirt writes a label that was empty",
    "network sources: what the storage-source parser reads for each protocol and the "
    "formatter writes back (any number of hosts, TLS, snapshot, config, initiator, auth, "
    "encryption and reservations on every protocol; ssh too)",
    NULL
};

/* The network source as libvirt's storage-source parser reads it, in
 * the terms of libvirt's own grammar: per protocol what the parser
 * reads for it, and what every protocol may carry. */
static const char network_source[] =
    "<define xmlns='" SC_RNG_NS "' name='diskSourceNetwork'>"
    "<attribute name='type'><value>network</value></attribute>"
    "<element name='source'>"
    "<interleave>"
    "<choice>"
    "<group><attribute name='protocol'><value>nbd</value></attribute>"
    "<optional><attribute name='name'/></optional></group>"
    "<group><attribute name='protocol'><choice><value>rbd</value><value>gluster</value>"
    "<value>iscsi</value><value>ssh</value><value>vxhs</value></choice></attribute>"
    "<attribute name='name'/></group>"
    "<group><attribute name='protocol'><value>nfs</value></attribute><attribute name='name'/>"
    "<optional><ref name='diskSourceNetworkNFS'/></optional></group>"
    "<group><attribute name='protocol'><choice><value>sheepdog</value><value>tftp</value>"
    "<value>ftp</value></choice></attribute><attribute name='name'/>"
    "<ref name='diskSourceNetworkProtocolPropsCommon'/></group>"
    "<group><attribute name='protocol'><value>ftps</value></attribute><attribute name='name'/>"
    "<interleave><ref name='diskSourceNetworkProtocolPropsCommon'/>"
    "<optional><ref name='diskSourceNetworkProtocolSSLVerify'/></optional></interleave></group>"
    "<group><attribute name='protocol'><value>http</value></attribute><attribute name='name'/>"
    "<optional><attribute name='query'/></optional>"
    "<interleave><ref name='diskSourceNetworkProtocolPropsCommon'/>"
    "<optional><ref name='diskSourceNetworkProtocolHTTPCookies'/></optional></interleave></group>"
    "<group><attribute name='protocol'><value>https</value></attribute><attribute name='name'/>"
    "<optional><attribute name='query'/></optional>"
    "<interleave><ref name='diskSourceNetworkProtocolPropsCommon'/>"
    "<optional><ref name='diskSourceNetworkProtocolHTTPCookies'/></optional>"
    "<optional><ref name='diskSourceNetworkProtocolSSLVerify'/></optional></interleave></group>"
    "</choice>"
    "<optional><attribute name='tls'><ref name='virYesNo'/></attribute></optional>"
    "<optional><attribute name='tlsHostname'/></optional>"
    "<ref name='diskSourceCommon'/>"
    "<interleave>"
    "<zeroOrMore><ref name='diskSourceNetworkHost'/></zeroOrMore>"
    "<optional><element name='snapshot'><attribute name='name'><ref name='genericName'/>"
    "</attribute><empty/></element></optional>"
    "<optional><element name='config'><attribute name='file'><ref name='absFilePath'/>"
    "</attribute><empty/></element></optional>"
    "<optional><ref name='initiatorinfo'/></optional>"
    "<optional><ref name='diskAuth'/></optional>"
    "<optional><ref name='encryption'/></optional>"
    "<optional><ref name='reservations'/></optional>"
    "</interleave>"
    "</interleave>"
    "</element>"
    "</define>";

/* The deletion mark, beside the driver of a snapshot disk. */
static const char delete_mark[] =
    "<optional xmlns='" SC_RNG_NS "'><element name='snapshotDeleteInProgress'><empty/></element>"
    "</optional>";

/* Extra content for the file and block <source> of a snapshot disk. */
static const char source_extras[] =
    "<group xmlns='" SC_RNG_NS "'>"
    "<optional><ref name='diskAuth'/></optional>"
    "<optional><ref name='reservations'/></optional>"
    "</group>";

static xmlNodePtr rng_node(xmlDocPtr doc, const char *name)
{
    return xmlNewDocNode(doc, xmlSearchNsByHref(doc, xmlDocGetRootElement(doc), BAD_CAST SC_RNG_NS),
                         BAD_CAST name, NULL);
}

static xmlNodeSetPtr select_nodes(xmlXPathContextPtr ctx, const char *expr,
                                  xmlXPathObjectPtr *obj)
{
    *obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    return *obj && (*obj)->nodesetval && (*obj)->nodesetval->nodeNr ? (*obj)->nodesetval : NULL;
}

/* <define name="state"> lists the accepted states, each compared as a
 * string. */
static int correct_states(xmlDocPtr doc, xmlXPathContextPtr ctx)
{
    xmlXPathObjectPtr obj;
    xmlNodeSetPtr set = select_nodes(ctx, "//r:define[@name='state']", &obj);

    if (set) {
        xmlNodePtr define = set->nodeTab[0], choice = rng_node(doc, "choice");
        while (define->children) {
            xmlNodePtr c = define->children;
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
        xmlAddChild(define, choice);
        for (int s = 0; s < SC_STATE_LAST; s++) {
            if (!sc_state_accepted((enum sc_state)s))
                continue;
            xmlNodePtr v = rng_node(doc, "value");
            xmlSetProp(v, BAD_CAST "type", BAD_CAST "string");
            xmlSetProp(v, BAD_CAST "datatypeLibrary", BAD_CAST "");
            xmlNodeAddContent(v, BAD_CAST sc_state_to_string((enum sc_state)s));
            xmlAddChild(choice, v);
        }
    }
    xmlXPathFreeObject(obj);
    return set ? 0 : -1;
}

static int correct_driver_formats(xmlXPathContextPtr ctx)
{
    xmlXPathObjectPtr obj;
    xmlNodeSetPtr set = select_nodes(ctx, "//r:define[@name='disksnapshotdriver']"
                                          "//r:ref[@name='storageFormatBacking']", &obj);

    if (set)
        xmlSetProp(set->nodeTab[0], BAD_CAST "name", BAD_CAST "storageFormat");
    xmlXPathFreeObject(obj);
    return set ? 0 : -1;
}

static int correct_network_driver(xmlDocPtr doc, xmlXPathContextPtr ctx)
{
    xmlXPathObjectPtr obj;
    xmlNodeSetPtr set = select_nodes(ctx, "//r:define[@name='disksnapshot']"
                                          "//r:ref[@name='diskSourceNetwork']", &obj);

    if (set) {
        xmlNodePtr ref = set->nodeTab[0], both = rng_node(doc, "interleave");
        xmlNodePtr extra = rng_node(doc, "ref");
        xmlSetProp(extra, BAD_CAST "name", BAD_CAST "storageSourceExtra");
        xmlReplaceNode(ref, both);
        xmlAddChild(both, ref);
        xmlAddChild(both, extra);
    }
    xmlXPathFreeObject(obj);
    return set ? 0 : -1;
}

static xmlNodePtr parse_fragment(xmlDocPtr into, const char *text)
{
    xmlDocPtr tmp = xmlReadMemory(text, (int)strlen(text), NULL, NULL, XML_PARSE_NONET);
    xmlNodePtr copy = tmp ? xmlDocCopyNode(xmlDocGetRootElement(tmp), into, 1) : NULL;

    xmlFreeDoc(tmp);
    return copy;
}

/* The network source: an override of libvirt's define inside the
 * include of domaincommon.rng, so the embedded domain keeps its own. */
static int correct_network_source(xmlDocPtr doc, xmlXPathContextPtr ctx)
{
    xmlXPathObjectPtr obj;
    xmlNodeSetPtr set = select_nodes(ctx, "/r:grammar/r:include[@href='domaincommon.rng']", &obj);

    if (set)
        xmlAddChild(set->nodeTab[0], parse_fragment(doc, network_source));
    xmlXPathFreeObject(obj);
    return set ? 0 : -1;
}

static int correct_source_extras(xmlDocPtr doc, xmlXPathContextPtr ctx)
{
    xmlXPathObjectPtr obj;
    xmlNodeSetPtr set = select_nodes(ctx, "//r:define[@name='disksnapshot']//r:element[@name='source']",
                                     &obj);

    for (int i = 0; set && i < set->nodeNr; i++) {
        xmlNodePtr source = set->nodeTab[i];
        xmlNodePtr extras = parse_fragment(doc, source_extras);
        /* before the closing <empty/> */
        xmlNodePtr last = source->last;
        while (last && last->type != XML_ELEMENT_NODE)
            last = last->prev;
        if (last && xmlStrEqual(last->name, BAD_CAST "empty"))
            xmlAddPrevSibling(last, extras);
        else
            xmlAddChild(source, extras);
        /* a file source also takes an fdgroup */
        xmlXPathObjectPtr files = NULL;
        xmlNodePtr any_order = rng_node(doc, "interleave");
        while (source->children) {
            xmlNodePtr c = source->children;
            xmlUnlinkNode(c);
            xmlAddChild(any_order, c);
        }
        xmlAddChild(source, any_order);
        xmlXPathSetContextNode(source, ctx);
        xmlNodeSetPtr f = select_nodes(ctx, "r:interleave/r:optional/r:attribute[@name='file']", &files);
        if (f) {
            xmlNodePtr fd = parse_fragment(doc, "<optional xmlns='" SC_RNG_NS "'><attribute name='fdgroup'/></optional>");
            xmlAddNextSibling(f->nodeTab[0]->parent, fd);
        }
        xmlXPathFreeObject(files);
    }
    xmlXPathSetContextNode(xmlDocGetRootElement(doc), ctx);
    xmlXPathFreeObject(obj);
    return set ? 0 : -1;
}

/* A snapshot disk's driver hook (disksnapshotdriver) gains the mark:
 * both, in any order. */
static int correct_delete_mark(xmlDocPtr doc, xmlXPathContextPtr ctx)
{
    xmlXPathObjectPtr obj;
    xmlNodeSetPtr set = select_nodes(ctx, "//r:define[@name='disksnapshotdriver']", &obj);

    if (set) {
        xmlNodePtr define = set->nodeTab[0], both = rng_node(doc, "interleave");
        while (define->children) {
            xmlNodePtr c = define->children;
            xmlUnlinkNode(c);
            xmlAddChild(both, c);
        }
        xmlAddChild(both, parse_fragment(doc, delete_mark));
        xmlAddChild(define, both);
    }
    xmlXPathFreeObject(obj);
    return set ? 0 : -1;
}

/* libvirt's device label, with the label itself optional after
 * relabel='yes'. */
static const char seclabel[] =
    "<define xmlns='" SC_RNG_NS "' name='devSeclabel'>"
    "<element name='seclabel'>"
    "<optional><attribute name='model'><text/></attribute></optional>"
    "<choice>"
    "<attribute name='relabel'><value>no</value></attribute>"
    "<attribute name='labelskip'><value>yes</value></attribute>"
    "<group><optional><attribute name='relabel'><value>yes</value></attribute></optional>"
    "<zeroOrMore><element name='label'><text/></element></zeroOrMore></group>"
    "</choice>"
    "</element>"
    "</define>";

static int correct_seclabel(xmlDocPtr doc, xmlXPathContextPtr ctx)
{
    xmlXPathObjectPtr obj;
    xmlNodeSetPtr set = select_nodes(ctx, "/r:grammar/r:include[@href='domaincommon.rng']", &obj);

    if (set)
        xmlAddChild(set->nodeTab[0], parse_fragment(doc, seclabel));
    xmlXPathFreeObject(obj);
    return set ? 0 : -1;
}

struct sc_schema *sc_drift_corrected_schema(const char *path, struct sc_diag_list *diags)
{
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    struct sc_schema *schema = NULL;

    if (!doc) {
        sc_diag_add(diags, 0, "cannot read %s", path);
        return NULL;
    }
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "r", BAD_CAST SC_RNG_NS);
    if (correct_states(doc, ctx) < 0 || correct_driver_formats(ctx) < 0 ||
        correct_network_driver(doc, ctx) < 0 || correct_source_extras(doc, ctx) < 0 ||
        correct_network_source(doc, ctx) < 0 || correct_delete_mark(doc, ctx) < 0 ||
        correct_seclabel(doc, ctx) < 0)
        sc_diag_add(diags, 0, "%s: not the grammar the corrections were written for", path);
    else
        schema = sc_schema_load_doc(doc, path, diags);
    xmlXPathFreeContext(ctx);
    xmlFreeDoc(doc);
    return schema;
}
