package app.liuke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, for real: {@code java -jar target/liuke.jar --demo} in an empty folder
 * (no config file, so the embedded defaults apply) becomes healthy and answers the API.
 */
class JarStartupIT {
    private static final Pattern RUNNING = Pattern.compile("http://localhost:(\\d+)/health");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    @Test
    void demoJar_startsInAnEmptyFolder_becomesHealthy_andServesTheSampleShop() throws Exception {
        Path jar = Path.of("target/liuke.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "run mvn package first");
        String java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(java, "-jar", jar.toString(), "--demo").directory(folder.toFile())
                .redirectError(folder.resolve("stderr.log").toFile());
        builder.environment().put("LIUKE_PORT", "0");
        long started = System.nanoTime();
        Process process = builder.start();
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            int port = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (port < 0 && System.nanoTime() < deadline) {
                String line = lines.readLine();
                if (line == null) {
                    break;
                }
                var matcher = RUNNING.matcher(line);
                if (matcher.find()) {
                    port = Integer.parseInt(matcher.group(1));
                }
            }
            assertTrue(port > 0, "no start-up line; stderr: " + Files.readString(folder.resolve("stderr.log")));
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline) {
                status = get(port, "/health", null).statusCode();
            }
            System.out.printf("demo jar healthy %d ms after launch%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            assertEquals(200, status);
            var customers = get(port, "/api/customers?size=1", "demo");
            assertEquals(200, customers.statusCode(), customers.body());
            assertTrue(customers.body().contains("\"total\":300"), customers.body());
            assertTrue(Files.isRegularFile(folder.resolve("data/liuke-demo.db")));
        } finally {
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the service stops on SIGTERM");
        }
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return new FailedResponse();
        }
    }

    /** Stands in for "not listening yet". */
    private static final class FailedResponse implements HttpResponse<String> {
        public int statusCode() { return 0; }
        public HttpRequest request() { return null; }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true); }
        public String body() { return ""; }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        public URI uri() { return null; }
        public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
