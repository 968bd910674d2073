# shellcheck shell=bash
# Builds the kit with Maven when a module's jar or its runtime classpath is missing or stale. Sourced by the
# scripts in bin/ after find-jdk.sh, with $root set to the repository root:
#
#   source "$root/bin/lib/build-kit.sh"
#   pagi_ensure_built server-jdk || exit 1     # then: $PAGI_JAR and $PAGI_CLASSPATH
#
# A module counts as up to date when its main jar (not -sources, -tests or -javadoc) and its
# target/runtime-classpath.txt exist, every entry of that classpath still exists, and no pom.xml and no file
# under any module's src/main changed since the classpath file was last written. Maven leaves an unchanged jar
# alone, so the jar's own date says less; the classpath files are touched when a build succeeds.
#
# A build is `mvn install -DskipTests` of the whole kit, then `mvn dependency:build-classpath` for every module,
# which writes each module's runtime classpath to its own target/runtime-classpath.txt. Maven's output goes to
# stderr, so standard output stays the caller's.

# shellcheck disable=SC2154 # $root is the caller's
: "${root:?bin/lib/build-kit.sh needs \$root, the repository root}"

# Prints module $1's main jar, if one was built.
pagi_module_jar() {
    local jar
    for jar in "$root/$1"/target/*.jar; do
        [[ -f $jar && $jar != *-sources.jar && $jar != *-tests.jar && $jar != *-javadoc.jar ]] && {
            printf '%s\n' "$jar"
            return 0
        }
    done
    return 0
}

# Succeeds when module $1's jar and classpath file exist, every classpath entry is there, and no source changed.
pagi_module_up_to_date() {
    local jar classpath_file=$root/$1/target/runtime-classpath.txt entry entries=()
    jar=$(pagi_module_jar "$1")
    [[ -n $jar && -f $classpath_file ]] || return 1
    if [[ -s $classpath_file ]]; then
        IFS=: read -r -a entries <"$classpath_file"
    fi
    for entry in ${entries[@]+"${entries[@]}"}; do
        [[ -e $entry ]] || return 1
    done
    [[ -z $(find "$root" \( -name target -o -name .git -o -name node_modules \) -prune -o \
        \( -name pom.xml -o -path '*/src/main/*' \) -newer "$classpath_file" -print -quit 2>/dev/null) ]]
}

# Builds the kit unless module $1 is up to date; then sets PAGI_JAR (its jar) and PAGI_CLASSPATH (its runtime
# dependencies, colon-separated, maybe empty). Returns 1 with a message when Maven is missing or the build fails.
pagi_ensure_built() {
    local module=$1 maven file
    if ! pagi_module_up_to_date "$module"; then
        if ! command -v mvn >/dev/null 2>&1; then
            echo "pagi: Maven (mvn) is not on PATH; install Maven 3.8 or newer (e.g. apt-get install maven)," \
                "then try again" >&2
            return 1
        fi
        maven=(mvn -B -q)
        [[ -t 2 ]] || maven+=(-Dstyle.color=never)
        echo "pagi: building the kit (mvn -B -q install -DskipTests), once after each change to the sources..." >&2
        (cd "$root" && "${maven[@]}" install -DskipTests) >&2 || return 1
        (cd "$root" && "${maven[@]}" dependency:build-classpath -DincludeScope=runtime \
            -Dmdep.outputFile=target/runtime-classpath.txt) >&2 || return 1
        if [[ -z $(pagi_module_jar "$module") || ! -f $root/$module/target/runtime-classpath.txt ]]; then
            echo "pagi: the build finished but left no jar or classpath in $root/$module/target" >&2
            return 1
        fi
        for file in "$root"/*/target/runtime-classpath.txt; do
            [[ -f $file ]] && touch "$file"
        done
    fi
    # shellcheck disable=SC2034 # read by the caller
    PAGI_JAR=$(pagi_module_jar "$module")
    # shellcheck disable=SC2034 # read by the caller
    PAGI_CLASSPATH=$(<"$root/$module/target/runtime-classpath.txt")
}
