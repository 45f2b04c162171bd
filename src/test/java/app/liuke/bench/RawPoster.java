package app.liuke.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A lean HTTP/1.1 client for the load generator: one kept-alive socket, one request at a time, as
 * each of Telegram's webhook connections behaves. It costs a fraction of {@code java.net.http}'s
 * CPU, which matters when the generator shares two cores with the service it measures. Not thread-safe.
 */
final class RawPoster implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] head;
    private final String contentType;

    RawPoster(int port, String path, String secretHeader) throws IOException {
        this(port, "application/json", path, secretHeader);
    }

    /** A poster whose requests each name their own path (WeChat signs every callback's query). */
    RawPoster(int port, String contentType) throws IOException {
        this(port, contentType, null, null);
    }

    private RawPoster(int port, String contentType, String path, String secretHeader) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        this.contentType = contentType;
        head = path == null ? null : ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType + "\r\n"
                + (secretHeader == null ? "" : "X-Telegram-Bot-Api-Secret-Token: " + secretHeader + "\r\n")
                + "Content-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** Posts {@code body} to {@code pathAndQuery}; see {@link #post(byte[])}. */
    int post(String pathAndQuery, byte[] body) throws IOException {
        return send(("POST " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                + "\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII), body);
    }

    /**
     * Posts the body (in one write, as a client would: a handler that does not read the body makes
     * Jetty close the connection when the body arrives late) and returns the status once the
     * whole response is read.
     */
    int post(byte[] body) throws IOException {
        return send(head, body);
    }

    private int send(byte[] head, byte[] body) throws IOException {
        byte[] contentLength = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + contentLength.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(contentLength, 0, request, head.length, contentLength.length);
        System.arraycopy(body, 0, request, head.length + contentLength.length, body.length);
        out.write(request);
        out.flush();
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        long length = 0;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                throw new IOException("the server closed the connection after: " + status);
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                skip(size);
                line();
            }
            line();
        } else {
            skip(length);
        }
        return code;
    }

    private void skip(long bytes) throws IOException {
        for (long left = bytes; left > 0; left--) {
            if (in.read() < 0) {
                throw new IOException("connection closed mid-response");
            }
        }
    }

    private String line() throws IOException {
        var text = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                text.append((char) c);
            }
        }
        return text.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
