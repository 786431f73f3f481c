package dev.backprop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * backprop-bom manages every artifact the build publishes, at the build's version, and inherits
 * nothing (a parent would leak its own dependencyManagement, JUnit and JMH, into the importer).
 * A module added to the build without its line in the BOM fails here.
 */
class BomTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theBomManagesEveryPublishedModuleAtTheBuildsVersion() throws Exception {
        Document parent = parse(ROOT.resolve("pom.xml"));
        Document bom = parse(ROOT.resolve("bom/pom.xml"));
        String version = child(parent.getDocumentElement(), "version");
        assertEquals(version, child(bom.getDocumentElement(), "version"), "the BOM's version");
        assertEquals(0, bom.getDocumentElement().getElementsByTagName("parent").getLength(), "the BOM has no parent");

        TreeSet<String> published = new TreeSet<>();
        for (String module : texts(parent.getDocumentElement(), "module")) {
            if (!module.equals("bom") && !module.equals("bench")) {
                published.add(child(parse(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement(), "artifactId"));
            }
        }
        TreeSet<String> managed = new TreeSet<>();
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            managed.add(child(dependency, "artifactId"));
            assertEquals("${project.version}", child(dependency, "version"), child(dependency, "artifactId"));
        }
        assertEquals(published, managed);
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    /** The text of the direct child element {@code name} of {@code element}. */
    private static String child(Element element, String name) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    private static List<String> texts(Element root, String tag) {
        List<String> values = new ArrayList<>();
        NodeList nodes = root.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().trim());
        }
        return values;
    }
}
