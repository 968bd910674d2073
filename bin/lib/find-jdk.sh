# shellcheck shell=bash
# Finds a JDK 21 or newer and puts it first: exports JAVA_HOME and PATH, and says which one it took on stderr.
# Sourced by the scripts in bin/ and by .ci/run:  source "$root/bin/lib/find-jdk.sh" || exit 1
#
# Where it looks, in order:
#   1. $JAVA_HOME, if it is a JDK (has bin/javac) of version 21 or newer;
#   2. every folder under /usr/lib/jvm (or under the folders named in $PAGI_JVM_DIRS, space-separated),
#      taking the newest JDK 21+ that has bin/javac;
#   3. the javac on PATH, if it belongs to a JDK 21+.
# A version is read from the JDK's `release` file (JAVA_VERSION="21.0.2", "25", "1.8.0_392") and, when that
# file is missing, from `bin/java -version`. Nothing here is specific to one machine.
#
# It also exports PAGI_JAVA_MAJOR (e.g. 25) and, on JDK 23+, adds a flag to MAVEN_OPTS that silences the
# sun.misc.Unsafe warnings Maven's own libraries cause.
#
# On failure it prints what it found and why each was refused, and returns 1; the caller exits.

PAGI_MIN_JAVA=21

# Prints the major version of a Java version string: 1.8.0_392 -> 8, 21.0.2 -> 21, 25 -> 25, 26-ea -> 26.
pagi_java_major_of() {
    local v=$1
    if [[ $v =~ ^1\.([0-9]+) ]]; then
        printf '%s\n' "${BASH_REMATCH[1]}"
    elif [[ $v =~ ^([0-9]+) ]]; then
        printf '%s\n' "${BASH_REMATCH[1]}"
    fi
}

# Prints the full version string of the JDK in folder $1, or nothing if it cannot be told.
pagi_java_version_of() {
    local dir=$1 line v=""
    if [[ -r $dir/release ]]; then
        while IFS= read -r line; do
            if [[ $line =~ ^JAVA_VERSION=\"?([^\"]*)\"?[[:space:]]*$ ]]; then
                v=${BASH_REMATCH[1]}
                break
            fi
        done <"$dir/release"
    fi
    if [[ -z $v && -x $dir/bin/java ]]; then
        # `java -version` prints e.g. `openjdk version "21.0.2" 2024-01-16` (and maybe "Picked up ..." lines).
        v=$("$dir/bin/java" -version 2>&1 | sed -n 's/^.* version "\([^"]*\)".*$/\1/p' | head -n 1) || v=""
    fi
    printf '%s\n' "$v"
}

# Checks the JDK in folder $1. If it is a JDK 21+, sets PAGI_JDK_MAJOR and PAGI_JDK_VERSION; else returns 1
# with the reason in PAGI_JDK_REFUSAL. Sets globals rather than printing, so no subshell loses them.
pagi_check_jdk() {
    local dir=$1 version major
    PAGI_JDK_REFUSAL="" PAGI_JDK_MAJOR="" PAGI_JDK_VERSION=""
    if [[ ! -d $dir ]]; then
        PAGI_JDK_REFUSAL="not a folder"
        return 1
    fi
    if [[ ! -x $dir/bin/javac ]]; then
        PAGI_JDK_REFUSAL="no bin/javac: a JRE, not a JDK"
        return 1
    fi
    version=$(pagi_java_version_of "$dir")
    major=$(pagi_java_major_of "$version")
    if [[ -z $major ]]; then
        PAGI_JDK_REFUSAL="version unknown: no release file and no readable java -version"
        return 1
    fi
    if ((major < PAGI_MIN_JAVA)); then
        PAGI_JDK_REFUSAL="JDK $major"
        return 1
    fi
    PAGI_JDK_MAJOR=$major PAGI_JDK_VERSION=$version
}

# Succeeds if major $1 / version $2 is newer than major $3 / version $4: a higher major, or the same major and
# a later full version in `sort -V` order (21.0.10 after 21.0.9).
pagi_newer() {
    (($1 != $3)) && { (($1 > $3)); return; }
    [[ $2 != "$4" && $(printf '%s\n%s\n' "$4" "$2" | sort -V | tail -n 1) == "$2" ]]
}

# Finds the JDK, exports JAVA_HOME and PATH. Returns 1 with a message when there is none.
pagi_find_jdk() {
    local seen=() found="" found_major="" found_version="" dir root javac skipped_home=""
    if [[ -n ${JAVA_HOME:-} ]]; then
        if pagi_check_jdk "$JAVA_HOME"; then
            found=$JAVA_HOME found_major=$PAGI_JDK_MAJOR found_version=$PAGI_JDK_VERSION
        else
            seen+=("JAVA_HOME=$JAVA_HOME ($PAGI_JDK_REFUSAL)")
            skipped_home=$JAVA_HOME PAGI_JDK_SKIPPED_WHY=$PAGI_JDK_REFUSAL
        fi
    fi
    if [[ -z $found ]]; then
        for root in ${PAGI_JVM_DIRS:-/usr/lib/jvm}; do
            for dir in "$root"/*; do
                [[ -d $dir ]] || continue
                if ! pagi_check_jdk "$dir"; then
                    seen+=("$dir ($PAGI_JDK_REFUSAL)")
                    continue
                fi
                if [[ -z $found ]] ||
                    pagi_newer "$PAGI_JDK_MAJOR" "$PAGI_JDK_VERSION" "$found_major" "$found_version"; then
                    found=$dir found_major=$PAGI_JDK_MAJOR found_version=$PAGI_JDK_VERSION
                fi
            done
        done
    fi
    if [[ -z $found ]] && javac=$(command -v javac 2>/dev/null); then
        # Follow symlinks (/usr/bin/javac -> /etc/alternatives/javac -> .../bin/javac) to the JDK folder.
        javac=$(readlink -f "$javac" 2>/dev/null || printf '%s' "$javac")
        dir=$(dirname "$(dirname "$javac")")
        if pagi_check_jdk "$dir"; then
            found=$dir found_major=$PAGI_JDK_MAJOR found_version=$PAGI_JDK_VERSION
        else
            seen+=("$dir, from the javac on PATH ($PAGI_JDK_REFUSAL)")
        fi
    fi
    if [[ -z $found ]]; then
        {
            echo "pagi: no JDK $PAGI_MIN_JAVA or newer found; PAGI for Java needs one to build and run."
            if ((${#seen[@]} == 0)); then
                echo "  found no Java at all: JAVA_HOME unset, nothing under ${PAGI_JVM_DIRS:-/usr/lib/jvm}," \
                    "no javac on PATH"
            else
                echo "  found, but could not use:"
                printf '    %s\n' "${seen[@]}"
            fi
            echo "  Install a JDK $PAGI_MIN_JAVA+ (for example Eclipse Temurin, or your system's openjdk-21-jdk"\
                "package),"
            echo "  then set JAVA_HOME to its folder, or install it under /usr/lib/jvm."
        } >&2
        return 1
    fi
    JAVA_HOME=$found
    PATH="$JAVA_HOME/bin:$PATH"
    PAGI_JAVA_MAJOR=$found_major
    export JAVA_HOME PATH PAGI_JAVA_MAJOR
    # Maven 3.8/3.9 ship a Guava that calls sun.misc.Unsafe, which JDK 24+ warns about on every run (JEP 471/498).
    # The flag exists from JDK 23 on and an older JVM would refuse to start with it, hence the check.
    if ((found_major >= 23)) && [[ ${MAVEN_OPTS:-} != *--sun-misc-unsafe-memory-access* ]]; then
        MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
        export MAVEN_OPTS
    fi
    if [[ -n $skipped_home ]]; then
        echo "pagi: not using JAVA_HOME=$skipped_home ($PAGI_JDK_SKIPPED_WHY)" >&2
    fi
    echo "pagi: using JDK $found_major at $JAVA_HOME" >&2
}

pagi_find_jdk
