/*
 * profile_schema.c: the wrapper schema of each older profile, written
 * with libxml2 from the state table (profile_schema.h).
 */
#include "schema/profile_schema.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

#include "util/buf.h"
#include "util/datadir.h"
#include "schema/grammar.h"
#include "model/features.h"

char *sc_profile_schema_file(enum sc_profile profile)
{
    if (profile == SC_PROFILE_DEFAULT)
        return sc_xstrdup(SC_SCHEMA_FILE);
    return sc_xasprintf("profile-%s.rng", sc_profile_name(profile));
}

char *sc_profile_schema_path(const char *datadir, enum sc_profile profile)
{
    char *file = sc_profile_schema_file(profile);
    char *path = sc_data_rng(datadir, file);

    free(file);
    return path;
}

/* The choice of PROFILE's accepted strings under DEF, compared exactly
 * as the grammar's own list is. */
static void add_state_choice(xmlNodePtr def, xmlNsPtr ns, enum sc_profile profile)
{
    xmlNodePtr choice = xmlNewChild(def, ns, BAD_CAST "choice", NULL);

    for (int i = 0; i < SC_STATE_LAST; i++) {
        if (!sc_state_accepted_in((enum sc_state)i, profile))
            continue;
        xmlNodePtr v = xmlNewTextChild(choice, ns, BAD_CAST "value",
                                       BAD_CAST sc_state_to_string((enum sc_state)i));
        xmlNewProp(v, BAD_CAST "type", BAD_CAST "string");
        xmlNewProp(v, BAD_CAST "datatypeLibrary", BAD_CAST "");
    }
}

/* <define name="state"> with PROFILE's accepted strings. */
static void add_state_define(xmlNodePtr include, xmlNsPtr ns, enum sc_profile profile)
{
    xmlNodePtr def = xmlNewChild(include, ns, BAD_CAST "define", NULL);

    xmlNewProp(def, BAD_CAST "name", BAD_CAST "state");
    add_state_choice(def, ns, profile);
}

/* The pattern that replaces feature F's define in a profile without it. */
static const char *absent_pattern(enum sc_feature f)
{
    return sc_feature_kind(f) == SC_FEATURE_EMPTY ? "empty" : "notAllowed";
}

/* Replaces the content of every top-level define named NAME. */
static void empty_define(xmlNodePtr root, const char *name, xmlNodePtr *found)
{
    *found = NULL;
    for (xmlNodePtr c = root->children; c; c = c->next) {
        xmlChar *n = sc_is_rng(c, "define") ? xmlGetNoNsProp(c, BAD_CAST "name") : NULL;
        if (n && xmlStrEqual(n, BAD_CAST name)) {
            while (c->children) {
                xmlNodePtr gone = c->children;
                xmlUnlinkNode(gone);
                xmlFreeNode(gone);
            }
            *found = c;
        }
        xmlFree(n);
    }
}

xmlDocPtr sc_profile_grammar(const char *base_path, enum sc_profile profile)
{
    xmlDocPtr doc = xmlReadFile(base_path, NULL, XML_PARSE_NONET);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL, def;

    if (!root)
        return doc;
    if (profile == SC_PROFILE_DEFAULT)
        return doc;
    empty_define(root, "state", &def);
    if (def)
        add_state_choice(def, root->ns, profile);
    for (int i = 0; i < SC_FEATURE_LAST; i++) {
        enum sc_feature f = (enum sc_feature)i;
        if (sc_feature_kind(f) == SC_FEATURE_FORM || sc_feature_kind(f) == SC_FEATURE_RULE ||
            sc_has(profile, f))
            continue;
        empty_define(root, sc_feature_define(f), &def);
        if (def)
            xmlNewChild(def, root->ns, BAD_CAST absent_pattern(f), NULL);
    }
    return doc;
}

/* Each part of the grammar PROFILE's release does not have yet, as an
 * override of its define: <notAllowed/>, or <empty/> for what is
 * optional inside another pattern. */
static void add_feature_defines(xmlNodePtr include, xmlNsPtr ns, enum sc_profile profile)
{
    char since[32];

    for (int i = 0; i < SC_FEATURE_LAST; i++) {
        enum sc_feature f = (enum sc_feature)i;
        enum sc_feature_kind kind = sc_feature_kind(f);
        if (kind == SC_FEATURE_FORM || kind == SC_FEATURE_RULE || sc_has(profile, f))
            continue;
        char *note = sc_xasprintf(" %s: since %s ", sc_feature_what(f),
                                  sc_release_string(sc_feature_since(f), since, sizeof(since)));
        xmlAddChild(include, xmlNewDocComment(include->doc, BAD_CAST note));
        free(note);
        xmlNodePtr def = xmlNewChild(include, ns, BAD_CAST "define", NULL);
        xmlNewProp(def, BAD_CAST "name", BAD_CAST sc_feature_define(f));
        xmlNewChild(def, ns, BAD_CAST absent_pattern(f), NULL);
    }
}

char *sc_profile_schema_text(enum sc_profile profile)
{
    if (profile == SC_PROFILE_DEFAULT || !sc_profile_name(profile))
        return NULL;

    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    char *comment = sc_xasprintf(
        "\n  profile-%s.rng: the grammar of snapshot documents as %s has them.\n"
        "  Generated from runner/model/states.def and runner/model/features.def by 'make rng';\n"
        "  do not edit.\n"
        "  It is rng/domainsnapshot.rng with what this release does otherwise.\n",
        sc_profile_name(profile), sc_profile_name(profile));
    xmlNodePtr root = xmlNewNode(NULL, BAD_CAST "grammar");
    xmlNsPtr ns = xmlNewNs(root, BAD_CAST SC_RNG_NS, NULL);
    xmlNodePtr include;
    xmlChar *out = NULL;
    int len = 0;

    xmlSetNs(root, ns);
    xmlAddChild((xmlNodePtr)doc, xmlNewDocComment(doc, BAD_CAST comment));
    xmlDocSetRootElement(doc, root);
    xmlNewProp(root, BAD_CAST "datatypeLibrary",
               BAD_CAST "http://www.w3.org/2001/XMLSchema-datatypes");
    include = xmlNewChild(root, ns, BAD_CAST "include", NULL);
    xmlNewProp(include, BAD_CAST "href", BAD_CAST SC_SCHEMA_FILE);
    add_state_define(include, ns, profile);
    add_feature_defines(include, ns, profile);
    xmlDocDumpFormatMemoryEnc(doc, &out, &len, "UTF-8", 1);
    char *text = sc_xstrdup((const char *)out);
    xmlFree(out);
    xmlFreeDoc(doc);
    free(comment);
    return text;
}
