/*
 * xmlin.c: strict reading helpers and value rules for the parsers.
 */
#include "model/xmlin.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "model/enums.h"

const char *const sc_parts[] = {
    "xml", "root", "name", "description", "state", "parent", "creationTime", "memory",
    "disks", "disk", "disk-source", "disk-driver", "domain", "inactiveDomain", "cookie", "active",
    NULL
};

const char *sc_parts_list(void)
{
    static const struct sc_enum parts = {
        "document part", sc_parts, sizeof(sc_parts) / sizeof(sc_parts[0]) - 1
    };
    return sc_enum_list(&parts, 0);
}

bool sc_part_answers(const char *given, const char *want)
{
    if (strcmp(given, want) == 0)
        return true;
    return strcmp(given, "disks") == 0 && strncmp(want, "disk", 4) == 0;
}

/* The part of a disk NODE lies in: its source, its driver, or itself. */
static const char *disk_part(xmlNodePtr node, xmlNodePtr disk)
{
    for (xmlNodePtr n = node; n && n != disk; n = n->parent) {
        if (n->parent == disk && sc_is_element(n, "source"))
            return "disk-source";
        if (n->parent == disk && sc_is_element(n, "driver"))
            return "disk-driver";
    }
    return "disk";
}

const char *sc_part_of(xmlNodePtr node)
{
    xmlNodePtr top = node;

    if (!node || (node->type != XML_ELEMENT_NODE && node->type != XML_ATTRIBUTE_NODE &&
                  node->type != XML_TEXT_NODE && node->type != XML_CDATA_SECTION_NODE))
        return "root";
    while (top->parent && top->parent->type == XML_ELEMENT_NODE && top->parent->parent &&
           top->parent->parent->type == XML_ELEMENT_NODE)
        top = top->parent;
    if (!top->parent || top->parent->type != XML_ELEMENT_NODE)
        return "root";
    if (sc_is_element(top, "disks") || sc_is_element(top, "revertDisks")) {
        for (xmlNodePtr n = node; n && n != top; n = n->parent) {
            if (n->parent == top)
                return disk_part(node, n);
        }
        return "disks";
    }
    int i = top->type == XML_ELEMENT_NODE && !top->ns ? sc_lookup(sc_parts, (const char *)top->name) : -1;
    return i > 1 && strncmp(sc_parts[i], "disk", 4) != 0 ? sc_parts[i] : "root";
}

static void vfail(struct sc_error *err, const char *part, xmlNodePtr node, const char *fmt,
                  va_list ap)
{
    err->unreadable = false;
    err->line = node ? xmlGetLineNo(node) : 0;
    if (err->line < 0)
        err->line = 0;
    snprintf(err->part, sizeof(err->part), "%s", part ? part : sc_part_of(node));
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
}

int sc_fail(struct sc_error *err, xmlNodePtr node, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfail(err, NULL, node, fmt, ap);
    va_end(ap);
    return -1;
}

int sc_fail_part(struct sc_error *err, const char *part, xmlNodePtr node, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfail(err, part, node, fmt, ap);
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

bool sc_lv_parse_ll(const char *s, long long *out)
{
    char *end;

    if (!s)
        return false;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end)
        return false;
    *out = v;
    return true;
}

bool sc_lv_parse_int(const char *s, int *out)
{
    long long v;

    if (!sc_lv_parse_ll(s, &v) || v < INT_MIN || v > INT_MAX)
        return false;
    *out = (int)v;
    return true;
}

bool sc_lv_parse_ull_p(const char *s, unsigned long long *out)
{
    char *end;

    if (!s)
        return false;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || memchr(s, '-', (size_t)(end - s)))
        return false;
    *out = v;
    return true;
}

bool sc_lv_parse_uint_p(const char *s, unsigned *out)
{
    unsigned long long v;

    if (!sc_lv_parse_ull_p(s, &v) || v > UINT_MAX)
        return false;
    *out = (unsigned)v;
    return true;
}

bool sc_uuid_canonical(const char *s, char out[37])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char bytes[16];
    size_t n = 0;

    if (!s)
        return false;
    while (isspace((unsigned char)*s))
        s++;
    while (n < 16) {
        if (*s == '-' || *s == ' ') {
            s++;
            continue;
        }
        if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1]))
            return false;
        char pair[3] = { s[0], s[1], 0 };
        bytes[n++] = (unsigned char)strtoul(pair, NULL, 16);
        s += 2;
    }
    while (*s) {
        if (!isspace((unsigned char)*s++))
            return false;
    }
    for (size_t i = 0, o = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        out[o++] = hex[bytes[i] >> 4];
        out[o++] = hex[bytes[i] & 15];
        out[o] = '\0';
    }
    return true;
}

int sc_yes_no(const char *s)
{
    if (s && strcmp(s, "yes") == 0)
        return 1;
    if (s && strcmp(s, "no") == 0)
        return 0;
    return -1;
}
