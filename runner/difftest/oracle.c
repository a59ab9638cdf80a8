/*
 * oracle.c: the differential tester's end of the pipe to
 * adapters/libvirt_oracle.py (protocol described there).  Requests and
 * answers alternate, so neither side can block on a full pipe.
 */
#include "difftest/oracle.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/diag.h"

struct sc_oracle {
    pid_t pid;
    FILE *to;
    FILE *from;
};

static int fail(struct sc_diag *diag, const char *what)
{
    sc_diag_set(diag, NULL, 0, "libvirt oracle: %s", what);
    return -1;
}

struct sc_oracle *sc_oracle_start(const char *python, const char *script,
                                  struct sc_diag *diag)
{
    int in[2] = { -1, -1 }, out[2] = { -1, -1 };
    char line[64];
    pid_t pid = pipe(in) < 0 || pipe(out) < 0 ? -1 : fork();

    if (pid < 0) {
        fail(diag, strerror(errno));
        for (int i = 0; i < 2; i++) {
            if (in[i] >= 0)
                close(in[i]);
            if (out[i] >= 0)
                close(out[i]);
        }
        return NULL;
    }
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[0]);
        close(in[1]);
        close(out[0]);
        close(out[1]);
        execl(python, python, script, "serve", (char *)NULL);
        fprintf(stderr, "cannot run %s: %s\n", python, strerror(errno));
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    struct sc_oracle *o = sc_xcalloc(1, sizeof(*o));
    o->pid = pid;
    o->to = fdopen(in[1], "w");
    o->from = fdopen(out[0], "r");
    if (!fgets(line, sizeof(line), o->from) || strcmp(line, "ready\n") != 0) {
        fail(diag, "the helper did not start (is python3-libvirt installed?)");
        sc_oracle_stop(o);
        return NULL;
    }
    return o;
}

static int read_record(struct sc_oracle *o, const char *layer, struct sc_oracle_answer *a,
                       struct sc_diag *diag)
{
    char line[128], name[16], status[16];
    size_t len;

    if (!fgets(line, sizeof(line), o->from) ||
        sscanf(line, "%15s %15s %zu", name, status, &len) != 3 || strcmp(name, layer) != 0)
        return fail(diag, "unexpected answer (did the helper crash?)");
    a->text = sc_xmalloc(len + 1);
    if (fread(a->text, 1, len, o->from) != len || fgetc(o->from) != '\n') {
        free(a->text);
        a->text = NULL;
        return fail(diag, "truncated answer");
    }
    a->text[len] = '\0';
    a->status = strcmp(status, "ok") == 0 ? SC_ORACLE_OK
              : strcmp(status, "skip") == 0 ? SC_ORACLE_SKIP : SC_ORACLE_ERR;
    return 0;
}

int sc_oracle_ask(struct sc_oracle *o, const char *doc, size_t len, const char *mode,
                  long long now, enum sc_oracle_layers layers, struct sc_oracle_answer *conf,
                  struct sc_oracle_answer *api, struct sc_diag *diag)
{
    memset(conf, 0, sizeof(*conf));
    memset(api, 0, sizeof(*api));
    static const char *const tags[] = { "", " conf", " api" };

    if (fprintf(o->to, "%s %lld %zu%s\n", mode, now, len, tags[layers]) < 0 ||
        fwrite(doc, 1, len, o->to) != len || fflush(o->to) != 0)
        return fail(diag, "the helper stopped reading");
    if (read_record(o, "conf", conf, diag) < 0)
        return -1;
    if (read_record(o, "api", api, diag) < 0) {
        sc_oracle_answer_clear(conf);
        return -1;
    }
    return 0;
}

void sc_oracle_answer_clear(struct sc_oracle_answer *a)
{
    free(a->text);
    a->text = NULL;
}

void sc_oracle_stop(struct sc_oracle *o)
{
    int status;

    if (!o)
        return;
    if (o->to)
        fclose(o->to);
    if (o->from)
        fclose(o->from);
    if (waitpid(o->pid, &status, 0) < 0)
        kill(o->pid, SIGKILL);
    free(o);
}
