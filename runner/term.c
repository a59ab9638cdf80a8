/*
 * term.c: colour, decided the same way by every command (see term.h).
 */
#include "term.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int sc_when_from_string(const char *s)
{
    static const char *const names[] = { [SC_WHEN_AUTO] = "auto", [SC_WHEN_ALWAYS] = "always",
                                         [SC_WHEN_NEVER] = "never" };

    for (int i = 0; s && i < (int)(sizeof(names) / sizeof(names[0])); i++) {
        if (strcmp(s, names[i]) == 0)
            return i;
    }
    return -1;
}

static bool dumb_terminal(void)
{
    const char *term = getenv("TERM");

    return term && strcmp(term, "dumb") == 0;
}

bool sc_color_for(enum sc_when when, int fd)
{
    const char *no_color = getenv("NO_COLOR");

    switch (when) {
    case SC_WHEN_ALWAYS:
        return true;
    case SC_WHEN_NEVER:
        return false;
    case SC_WHEN_AUTO:
        break;
    }
    /* no-color.org: set and not empty turns colour off */
    return isatty(fd) && !dumb_terminal() && !(no_color && *no_color);
}
