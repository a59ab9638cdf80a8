#!/bin/sh
# snapcheck-ci.sh: the CI step of a project that uses snapcheck, shared
# by ci/github/action.yml and ci/gitlab/snapcheck.yml.  Configured by
# the environment:
#
#   SNAPCHECK             the snapcheck program (default: snapcheck on the PATH)
#   SNAPCHECK_VALIDATE    documents to validate: files or directories,
#                         separated by spaces (none: no validation)
#   SNAPCHECK_IMPL        a command that speaks the implementation protocol
#                         (none: the suite is not run)
#   SNAPCHECK_BASELINE    the baseline of known results for the run (optional)
#   SNAPCHECK_CASES       a suite of the project's own, as snapcheck reads it
#   SNAPCHECK_RUN_ARGS    more options for run, e.g. "--compare canonical"
#   SNAPCHECK_REPORT_DIR  where the reports go (default: snapcheck-reports)
#   SNAPCHECK_SUMMARY     a file the Markdown reports are appended to, such
#                         as GitHub's $GITHUB_STEP_SUMMARY (optional)
#
# Writes validate.xml and validate.md, run.xml and run.md (JUnit and
# Markdown) in the report directory.  Exits with the highest exit status
# of the commands it ran: 0 all passed, 1 something does not conform,
# 2 a usage or I/O error, 3 the implementation could not be started or
# fails the smoke case.
set -u

snapcheck=${SNAPCHECK:-snapcheck}
dir=${SNAPCHECK_REPORT_DIR:-snapcheck-reports}
status=0

say() {
    printf 'snapcheck-ci: %s\n' "$*" >&2
}

# the worst status so far
note() {
    [ "$1" -gt "$status" ] && status=$1
    return 0
}

if [ -z "${SNAPCHECK_VALIDATE:-}" ] && [ -z "${SNAPCHECK_IMPL:-}" ]; then
    say "nothing to do: set SNAPCHECK_VALIDATE (documents to validate) and/or SNAPCHECK_IMPL (an implementation to run the suite through)"
    exit 2
fi
if ! command -v "$snapcheck" >/dev/null 2>&1; then
    say "cannot find the snapcheck program '$snapcheck' (set SNAPCHECK)"
    exit 2
fi
if [ -n "${SNAPCHECK_BASELINE:-}" ] && [ ! -f "$SNAPCHECK_BASELINE" ]; then
    say "the baseline $SNAPCHECK_BASELINE does not exist; make it once with: snapcheck run --impl COMMAND --baseline $SNAPCHECK_BASELINE --update-baseline"
    exit 2
fi
mkdir -p "$dir" || exit 2
# reports left by an earlier run must not pass for this one's
rm -f "$dir/validate.xml" "$dir/validate.md" "$dir/run.xml" "$dir/run.md"

if [ -n "${SNAPCHECK_VALIDATE:-}" ]; then
    # the paths are words: a project names its own directories
    # shellcheck disable=SC2086
    "$snapcheck" validate --report junit="$dir/validate.xml" --report markdown="$dir/validate.md" \
        $SNAPCHECK_VALIDATE
    note $?
fi

if [ -n "${SNAPCHECK_IMPL:-}" ]; then
    set -- --impl "$SNAPCHECK_IMPL"
    if [ -n "${SNAPCHECK_BASELINE:-}" ]; then
        set -- "$@" --baseline "$SNAPCHECK_BASELINE"
    fi
    # shellcheck disable=SC2086
    "$snapcheck" run "$@" ${SNAPCHECK_RUN_ARGS:-} --report junit="$dir/run.xml" --report markdown="$dir/run.md"
    run_status=$?
    note $run_status
    if [ ! -f "$dir/run.md" ]; then
        # no report: the run stopped before any case (see the log)
        printf '## snapcheck run\n\nNo report: snapcheck run exited with status %s before running the suite (%s). See the job log.\n' \
            "$run_status" "$(case $run_status in 3) echo 'the implementation could not be started or fails the smoke case' ;; *) echo 'a usage or I/O error' ;; esac)" \
            > "$dir/run.md"
    fi
fi

if [ -n "${SNAPCHECK_SUMMARY:-}" ]; then
    for md in "$dir/validate.md" "$dir/run.md"; do
        if [ -f "$md" ]; then
            { cat "$md" && echo; } >> "$SNAPCHECK_SUMMARY" || note 2
        fi
    done
fi
exit "$status"
