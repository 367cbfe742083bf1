package dev.sessionkit.benchmarks.jmh;

import dev.sessionkit.JsonSessionCodec;
import dev.sessionkit.SessionCodec;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * sessionkit's JSON codec against a bare Jackson write and read of the same map: what the codec
 * adds over Jackson (error translation, the copy into a mutable map, the object check).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {

  private final SessionCodec codec = new JsonSessionCodec();
  private final JsonMapper jackson = JsonMapper.builder().build();
  private Map<String, Object> data = Map.of();
  private String json = "";

  @Setup
  public void prepare() {
    data = SampleData.typicalSession();
    json = jackson.writeValueAsString(data);
  }

  @Benchmark
  public String codecEncode() {
    return codec.encode(data);
  }

  @Benchmark
  public String jacksonWrite() {
    return jackson.writeValueAsString(data);
  }

  @Benchmark
  public Map<String, Object> codecDecode() {
    return codec.decode(json);
  }

  @Benchmark
  public Object jacksonRead() {
    return jackson.readValue(json, Object.class);
  }
}
