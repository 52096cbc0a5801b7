package gobind

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

var lookPath = exec.LookPath

// androidContextStub stands in for android.content.Context, the one Android
// class the generated go.Seq refers to.
const androidContextStub = `package android.content;
public class Context {}
`

// appSample uses the generated API the way the package documentation's
// Kotlin example does, so a change that breaks the documented API fails here.
const appSample = `package app;

import mobile.Cancel;
import mobile.Client;
import mobile.Config;
import mobile.Credentials;
import mobile.CredentialsProvider;
import mobile.FlushCallback;
import mobile.Listener;
import mobile.Mobile;

public final class Sample implements Listener {
	@Override public void onOpen(String subprotocol, boolean reconnect) {}
	@Override public void onMessage(String text) {}
	@Override public void onBinaryMessage(byte[] data) {}
	@Override public void onReconnecting(long attempt, long delayMillis) {}
	@Override public void onClose(long code, String reason, boolean isFinal) {}
	@Override public void onError(String kind, String message) {
		if (kind.equals("handshake")) { return; }
	}
	@Override public void onUnsent(boolean isBinary, String text, byte[] data,
			boolean maybeDelivered, String kind, String message) {
		if (maybeDelivered && kind.equals("unconfirmed")) { return; }
	}

	static final class Tokens implements CredentialsProvider {
		@Override public Credentials credentials(long attempt) throws Exception {
			if (attempt > 10) { throw new Exception("no token"); }
			Credentials c = new Credentials("", "fresh-" + attempt);
			c.setURL("wss://example.com/ws?attempt=" + attempt);
			return c;
		}
	}

	static Client start() throws Exception {
		Config cfg = new Config();
		cfg.setSubprotocols("chat.v2, chat.v1, chat.v0");
		cfg.addHeader("X-App-Version", "1.0");
		cfg.setBearerToken("token");
		cfg.setCredentialsProvider(new Tokens());
		cfg.setReconnectInitialMillis(500);
		cfg.setHeartbeatPing("{\"type\":\"ping\"}");
		cfg.setCloseInBackground(true);
		cfg.setHandBackUnconfirmed(true);
		Client c = new Client("wss://example.com/ws", cfg, new Sample());
		c.connectAsync();
		c.enqueueText("hello");
		Cancel h = new Cancel();
		c.sendText("hi", h);
		c.sendBinary(new byte[] {1, 2}, null);
		h.cancel();
		try {
			c.connect(h);
		} catch (Exception e) {
			boolean cancelled = Mobile.errorKindOf(e).equals("cancelled");
		}
		try {
			c.flush(5000);
		} catch (Exception e) {
			boolean unconfirmed = Mobile.errorKindOf(e).equals("unconfirmed");
		}
		FlushCallback done = (kind, message) -> {};
		c.flushAsync(5000, done);
		c.onForeground();
		c.onBackground();
		c.onNetworkChange();
		boolean open = c.state().equals("Open");
		String kind = Mobile.errorKindOf(new Exception("x"));
		boolean refused = kind.equals("credentials");
		c.close();
		return c;
	}
}
`

// compileJava compiles the generated Java with javac, when a JDK is installed,
// together with a stub for android.content.Context and appSample.
func compileJava(t *testing.T, dir string) {
	javac, err := lookPath("javac")
	if err != nil {
		t.Skip("SKIP javac: no JDK installed (CI installs default-jdk-headless)")
	}
	src := filepath.Join(dir, "java")
	write(t, filepath.Join(src, "android", "content", "Context.java"), androidContextStub)
	write(t, filepath.Join(src, "app", "Sample.java"), appSample)
	var files []string
	for _, pattern := range []string{"go/*.java", "mobile/*.java", "android/content/*.java", "app/*.java"} {
		m, _ := filepath.Glob(filepath.Join(src, pattern))
		files = append(files, m...)
	}
	args := append([]string{"-Xlint:all,-serial", "-d", t.TempDir()}, files...)
	mustRun(t, nil, javac, args...)
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
