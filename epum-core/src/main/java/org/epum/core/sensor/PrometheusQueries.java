package org.epum.core.sensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Prometheus's HTTP query API ({@code GET /api/v1/query}): one instant query, the value of its
 * first sample. Errors are IllegalStateExceptions whose message says what the server answered.
 */
public final class PrometheusQueries {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration timeout;

  public PrometheusQueries(Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.timeout = timeout;
  }

  public double instantValue(String baseUrl, String query) {
    String url = baseUrl.replaceAll("/+$", "") + "/api/v1/query?query="
        + URLEncoder.encode(query, StandardCharsets.UTF_8);
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("prometheus at " + baseUrl + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while querying prometheus", e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException("prometheus answered HTTP " + response.statusCode() + " to " + query);
    }
    try {
      JsonNode result = JSON.readTree(response.body()).path("data").path("result");
      JsonNode value = result.isArray() && !result.isEmpty() ? result.get(0).path("value") : null;
      if (value == null || !value.isArray() || value.size() < 2) {
        throw new IllegalStateException("prometheus query " + query + " returned no sample");
      }
      return Double.parseDouble(value.get(1).asText());
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("prometheus answer to " + query + " is not a vector of numbers", e);
    }
  }
}
