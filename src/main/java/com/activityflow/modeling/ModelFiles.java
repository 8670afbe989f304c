package com.activityflow.modeling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A set of model files by their repository path ({@code bpmn/task-lifecycle.bpmn}), which is
 * also their resource name in Camunda. Read from the packaged classpath or from a folder (a
 * checkout of the repository), where decision test cases and element templates come along.
 */
public record ModelFiles(Map<String, byte[]> files, boolean fromRepository) {

  static final String TEMPLATES = ".camunda/element-templates/";

  public ModelFiles {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }

  public static ModelFiles fromClasspath() {
    Map<String, byte[]> files = new TreeMap<>();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    try {
      for (String pattern : new String[] {"bpmn/*.bpmn", "dmn/*.dmn", "forms/*.form"}) {
        String folder = pattern.substring(0, pattern.indexOf('/') + 1);
        for (Resource resource : resolver.getResources("classpath*:" + pattern)) {
          files.putIfAbsent(folder + resource.getFilename(), resource.getContentAsByteArray());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ModelFiles(files, false);
  }

  public static ModelFiles fromDirectory(Path root) {
    Map<String, byte[]> files = new TreeMap<>();
    read(root, "bpmn", ".bpmn", files);
    read(root, "dmn", ".dmn", files);
    read(root, "forms", ".form", files);
    read(root, "dmn/tests", ".csv", files);
    read(root, ".camunda/element-templates", ".json", files);
    return new ModelFiles(files, true);
  }

  private static void read(Path root, String folder, String suffix, Map<String, byte[]> files) {
    Path dir = root.resolve(folder);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList()) {
        files.put(folder + "/" + file.getFileName(), Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files Camunda deploys: BPMN, DMN and forms. */
  public Map<String, byte[]> deployable() {
    Map<String, byte[]> deployable = new TreeMap<>();
    files.forEach(
        (name, bytes) -> {
          if (name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".form")) {
            deployable.put(name, bytes);
          }
        });
    return deployable;
  }

  public Map<String, byte[]> withSuffix(String suffix) {
    Map<String, byte[]> matching = new TreeMap<>();
    files.forEach(
        (name, bytes) -> {
          if (name.endsWith(suffix) && !name.startsWith(TEMPLATES) && !name.startsWith("dmn/tests/")) {
            matching.put(name, bytes);
          }
        });
    return matching;
  }

  public Map<String, byte[]> templates() {
    Map<String, byte[]> matching = new TreeMap<>();
    files.forEach(
        (name, bytes) -> {
          if (name.startsWith(TEMPLATES)) {
            matching.put(name, bytes);
          }
        });
    return matching;
  }
}
