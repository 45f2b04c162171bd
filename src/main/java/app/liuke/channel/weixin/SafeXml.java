package app.liuke.channel.weixin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads the flat XML that WeChat and WeCom post: a DOCTYPE is refused outright, so no external entity,
 * entity expansion or DTD fetch can happen (an XXE body reads nothing). Nested elements are read as
 * {@code Parent.Child}. Thread-safe.
 */
public final class SafeXml {
    private static final DocumentBuilderFactory FACTORY = factory();

    private SafeXml() {
    }

    private static DocumentBuilderFactory factory() {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            return factory;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The root's child elements by name, with their text; an {@link IllegalArgumentException} for anything that is not such XML. */
    public static Map<String, String> fields(byte[] xml) {
        Element root;
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(null);
            root = builder.parse(new ByteArrayInputStream(xml)).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("not readable XML (a DOCTYPE is never accepted)");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        var fields = new LinkedHashMap<String, String>();
        collect(root, "", fields);
        return fields;
    }

    private static void collect(Element parent, String prefix, Map<String, String> into) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                String name = prefix + element.getTagName();
                boolean nested = false;
                for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                    nested |= child instanceof Element;
                }
                if (nested && prefix.isEmpty()) {
                    collect(element, name + ".", into);
                } else {
                    into.putIfAbsent(name, element.getTextContent());
                }
            }
        }
    }
}
