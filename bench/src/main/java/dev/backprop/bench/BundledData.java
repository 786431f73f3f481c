package dev.backprop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The mnist10k data set (8000 training and 2000 test digits of MNIST) that ships inside this
 * jar, as a directory {@link dev.backprop.data.Mnist#load} can read: the jar is opened as a zip
 * file system, so nothing is unpacked to disk.
 */
final class BundledData {
    static final String DESCRIPTION = "bundled mnist10k (8000 training + 2000 test MNIST digits)";

    private BundledData() {
    }

    static Path directory() throws IOException {
        URL readme = BundledData.class.getResource("mnist10k/README.md");
        if (readme == null) {
            throw new IOException("the bundled mnist10k data is missing from the classpath; rebuild with ./mvnw package "
                    + "or pass --data DIR");
        }
        try {
            URI uri = readme.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException alreadyOpen) {
                    // Opened by an earlier call in this JVM; Path.of finds it.
                }
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the bundled data at " + readme, e);
        }
    }
}
