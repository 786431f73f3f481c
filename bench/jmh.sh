#!/usr/bin/env bash
# The JMH suite as one command, from anywhere:
#   bench/jmh.sh --quick                     # about a minute per engine: 1 fork, 1 × 1 s warm-up, 2 × 1 s
#   bench/jmh.sh --full --json out.json      # the annotations' settings, every shape and batch
#   bench/jmh.sh --quick --only Gradient -- -prof gc
# Options are the Suite's (see dev.backprop.bench.jmh.Suite): --quick|--full, --engines a,b,
# --only REGEX, --json FILE (default jmh.json), --dry-run, and JMH's own options after --.
# Builds bench/target/benchmarks.jar first when it is missing. The JMH jar alone also works:
#   java -jar bench/target/benchmarks.jar -l      (list)   or any JMH command line.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -z ${JAVA_HOME:-} || ! -x $JAVA_HOME/bin/java ]]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
    [[ -x $candidate/bin/javac ]] && { export JAVA_HOME=$candidate; break; }
  done
fi
jar=$root/bench/target/benchmarks.jar
if [[ ! -f $jar ]]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -pl bench -am package)
fi
# The launcher asks the engines whether they are available, so it needs the forks' flags too.
exec "$JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -cp "$jar" dev.backprop.bench.jmh.Suite "$@"
