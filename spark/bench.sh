#!/usr/bin/env bash
# The distributed benchmark: examples/s and time to accuracy of backprop-spark per mode and k on a
# loopback Spark standalone cluster, against local training; writes spark/RESULTS.md.
#   spark/bench.sh            # the numbers in spark/RESULTS.md (about four minutes on two cores)
#   spark/bench.sh --quick    # fewer epochs and configurations
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -ntp -q -pl spark -am package -DskipTests
CP="spark/target/backprop-spark-0.1.0-SNAPSHOT.jar:spark/target/test-classes:$(cat spark/target/test-classpath.txt)"
export SPARK_LOCAL_IP=127.0.0.1
exec "$JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  --sun-misc-unsafe-memory-access=allow -Xmx2g -Dbasedir=spark -cp "$CP" \
  dev.backprop.spark.DistributedBenchmark "$@"
