/*
 * xmlin.c: strict reading helpers and value rules for the parsers.
 */
#include "xmlin.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

int sc_fail(struct sc_error *err, xmlNodePtr node, const char *fmt, ...)
{
    va_list ap;

    err->line = node ? xmlGetLineNo(node) : 0;
    if (err->line < 0)
        err->line = 0;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return -1;
}

bool sc_is_element(xmlNodePtr node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE && !node->ns &&
           xmlStrEqual(node->name, BAD_CAST name);
}

char *sc_element_text(xmlNodePtr node, struct sc_error *err)
{
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            sc_fail(err, c, "unexpected element <%s> in <%s>",
                    (const char *)c->name, (const char *)node->name);
            return NULL;
        }
    }
    xmlChar *t = xmlNodeGetContent(node);
    char *s = sc_xstrdup(t ? (const char *)t : "");
    xmlFree(t);
    return s;
}

int sc_check_attrs(xmlNodePtr node, const char *const *allowed,
                   struct sc_error *err)
{
    for (xmlAttrPtr a = node->properties; a; a = a->next) {
        if (a->ns || sc_lookup(allowed, (const char *)a->name) < 0)
            return sc_fail(err, node, "unexpected attribute '%s' on <%s>",
                           (const char *)a->name, (const char *)node->name);
    }
    return 0;
}

int sc_check_no_text(xmlNodePtr node, struct sc_error *err)
{
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE &&
            c->type != XML_ENTITY_REF_NODE)
            continue;
        xmlChar *t = xmlNodeGetContent(c);
        bool blank = !t || !t[strspn((const char *)t, " \t\r\n")];
        xmlFree(t);
        if (!blank)
            return sc_fail(err, c, "unexpected text in <%s>",
                           (const char *)node->name);
    }
    return 0;
}

const char *const sc_no_attrs[] = { NULL };

int sc_check_plain(xmlNodePtr node, const char *const *allowed, struct sc_error *err)
{
    if (sc_check_attrs(node, allowed, err) < 0)
        return -1;
    return sc_check_no_text(node, err);
}

int sc_children_named(xmlNodePtr node, const char *const *allowed,
                      const char *child, struct sc_error *err)
{
    int n = 0;

    if (sc_check_plain(node, allowed, err) < 0)
        return -1;
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!child || !sc_is_element(c, child))
            return sc_fail(err, c, "unexpected element <%s> in <%s>",
                           (const char *)c->name, (const char *)node->name);
        n++;
    }
    return n;
}

int sc_single_child(xmlNodePtr node, const char *const *allowed,
                    const char *child, xmlNodePtr *out, struct sc_error *err)
{
    *out = NULL;
    if (sc_children_named(node, allowed, child, err) < 0)
        return -1;
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && sc_claim_once(out, c, err) < 0)
            return -1;
    }
    return 0;
}

char *sc_attr(xmlNodePtr node, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(node, BAD_CAST name);
    char *s = v ? sc_xstrdup((const char *)v) : NULL;

    xmlFree(v);
    return s;
}

int sc_claim_once(xmlNodePtr *slot, xmlNodePtr child, struct sc_error *err)
{
    if (*slot)
        return sc_fail(err, child, "element <%s> given more than once",
                       (const char *)child->name);
    *slot = child;
    return 0;
}

int sc_lookup(const char *const *list, const char *s)
{
    for (int i = 0; s && list[i]; i++) {
        if (strcmp(list[i], s) == 0)
            return i;
    }
    return -1;
}

bool sc_valid_abs_path(const char *s)
{
    return s && s[0] == '/' && s[1] && !strpbrk(s, "\r\n");
}

static bool all_of(const char *s, const char *set)
{
    return *s && s[strspn(s, set)] == '\0';
}

#define ALNUM_ "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"
#define HEX "0123456789abcdefABCDEF"

bool sc_valid_disk_target(const char *s)
{
    static const char *const prefixes[] = { "xvd", "ubd", "fd", "hd", "sd", "vd", NULL };

    if (!s)
        return false;
    if (strncmp(s, "ioemu:", 6) == 0)
        s += 6;
    for (int i = 0; prefixes[i]; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(s, prefixes[i], n) == 0 && all_of(s + n, ALNUM_))
            return true;
    }
    return false;
}

bool sc_valid_uuid(const char *s)
{
    static const int groups[] = { 8, 4, 4, 4, 12 };

    if (!s)
        return false;
    if (strlen(s) == 32)
        return all_of(s, HEX);
    if (strlen(s) != 36)
        return false;
    for (int g = 0; g < 5; g++) {
        if (strspn(s, HEX) != (size_t)groups[g])
            return false;
        s += groups[g];
        if (g < 4 && *s++ != '-')
            return false;
    }
    return true;
}

bool sc_valid_domain_name(const char *s)
{
    return s && *s && !strchr(s, '\n');
}

bool sc_parse_uint64(const char *s, unsigned long long *out)
{
    if (!s || !all_of(s, "0123456789") || (s[0] == '0' && s[1]))
        return false;   /* digits only, no leading zero */
    errno = 0;
    *out = strtoull(s, NULL, 10);
    return errno == 0;
}

bool sc_parse_int64(const char *s, long long *out)
{
    const char *digits = s && *s == '-' ? s + 1 : s;

    if (!digits || !all_of(digits, "0123456789"))
        return false;
    if (digits[0] == '0' && (digits[1] || digits != s))
        return false;   /* leading zero, or "-0" */
    errno = 0;
    *out = strtoll(s, NULL, 10);
    return errno == 0;
}
