//go:build !js

// Package mobile is Tether's facade for Android and iOS apps, bound with
// gomobile: a Client that reconnects with backoff, detects dead connections
// with heartbeats and negotiates subprotocols, behind an API made only of
// what gomobile bind accepts (string, bool, int64, float64, []byte, error,
// and the Client, Config, Cancel, Credentials, CredentialsProvider,
// FlushCallback and Listener types). It translates package sdk to that API and keeps no queue,
// dial loop or event ordering of its own.
//
// # Using it
//
// Fill a Config (NewConfig), implement a Listener, create a Client with
// NewClient and call ConnectAsync (or Connect off the UI thread). Send with
// EnqueueText / EnqueueBinary (never block; safe on the UI thread) or
// SendText / SendBinary (block until written); messages sent while the
// client connects or reconnects wait in its outbox. Forward the app's
// lifecycle to OnForeground, OnBackground and OnNetworkChange. Call Close (or
// CloseAsync) when done: it stops every goroutine the client started (the
// Listener goroutine ends with the final OnClose).
//
// Instead of contexts, the calls that wait for the network (Connect,
// SendText, SendBinary) take a Cancel handle, or nil (null in Kotlin) for
// none; Flush takes a timeout. Errors are exceptions in Kotlin and
// NSError in Swift, with readable messages starting "tether:"; ErrorKindOf
// classifies them, and Listener.OnError receives the same kinds. A kind is
// one of a closed set of lower-case strings ("handshake", "network",
// "unconfirmed", ...), listed with their meaning at ErrorKindOf: compare with
// the string. Likewise Client.State returns one of six strings ("Idle",
// "Connecting", "Open", "Reconnecting", "Closing", "Closed").
//
// # Threads
//
// Each session (Connect to its final OnClose) runs on one sdk.Client, which
// connects, reconnects, queues and heartbeats; the facade only translates its
// ordered event stream (sdk.Client.Next) to Listener calls. They run one at a
// time, in event order, on the session's Listener goroutine, which is never
// the UI thread: post to the main thread to update views. That goroutine
// takes the next event only when the Listener method returns, so a slow
// Listener fills the client's bounded receive buffer and then slows the
// socket; it never grows memory. Every Client method is safe to call from any
// thread, and from a Listener method.
//
// # Close and the Listener
//
// Close returns once the connection is closed and, normally, once the final
// OnClose has been delivered. Close does not know which thread calls it, so
// one rule covers both cases: if the Listener method that was running when
// Close was called is still running once the connection is closed, Close
// returns without waiting for the Listener, and the final OnClose follows
// when that method returns. Close called from a Listener method therefore
// never deadlocks (it returns, then the final OnClose comes after the
// calling method), and Close called from another thread returns after the
// final OnClose unless a Listener method outlasted the closing. When it
// matters, treat OnClose with isFinal true as the end of the session.
//
// # Delivery: nothing lost silently
//
// SendText returns once the message is written to the socket, which does not
// prove the server read it: a link can die with it in a buffer. The client
// proves it by order: a pong that answers a ping written after a message
// shows that the server has read the message. A ping goes out 50 ms after
// writes (one per burst; a heartbeat ping counts). With HeartbeatPing the
// server's application answers it, which proves its loop read the message;
// a gateway that answers WebSocket pings itself proves only that hop, so use
// HeartbeatPing behind one. Every message given to SendText, SendBinary,
// EnqueueText or EnqueueBinary ends in exactly one of three ways:
//   - confirmed. Flush(timeoutMillis) waits until everything sent before it
//     is confirmed (SendText then Flush confirms one message), and fails
//     with kind "unconfirmed" otherwise; FlushAsync reports the same to a
//     FlushCallback;
//   - sent again, first and in order, on the next connection, when its
//     connection is lost before confirming it (the default: at least once,
//     so the server may read such a message twice);
//   - handed back: SendText's error, or Listener.OnUnsent, once per message
//     with the reason: maybeDelivered is true for a message written but not
//     confirmed (at Close, or when a connection is lost with
//     Config.HandBackUnconfirmed, which hands such messages back instead of
//     sending them again: at most once), false for one never written; kind
//     and message say what ended its session.
//
// Close gives sent messages up to 2 s to be confirmed, then hands back the
// rest as maybe delivered. At most 4096 written messages (4 MiB) wait for
// confirmation; then SendText waits (EnqueueText queues). With
// HeartbeatDisabled nothing can be confirmed: a message counts as delivered
// once written, and at a loss those written since the server last sent
// anything are re-sent or handed back.
//
// # Per-attempt credentials
//
// Config.CredentialsProvider is asked before every connection attempt, the
// first and every reconnect, for the attempt's URL and bearer token: return a
// fresh token when the old one expired (a server that drops a connection
// because its token expired then gets the new one on the reconnect), or a
// freshly signed URL. NewClient's url may then be "". The provider runs on a
// client goroutine and the attempt waits for it; an error fails the attempt
// (kind "credentials") and is retried by the reconnect policy.
//
// # Defaults
//
// The same as every Tether client's (NewConfig spells them out): reconnect
// on, 1 s initial delay doubling to at most 30 s with ±50 % jitter,
// unlimited attempts, the backoff reset after 5 s open; a failed first
// attempt is not retried (Connect fails, the Listener gets OnError then the
// final OnClose 1006) unless RetryFirstDial; up to 1024 messages (4 MiB)
// wait in the outbox, and one that does not fit is refused (kind "outbox");
// written messages are confirmed by a ping 50 ms later and re-sent on the
// next connection when their connection is lost first;
// 10 s handshake timeout; 1 MiB read limit (a larger message closes with
// 1009); up to 256 received messages (4 MiB) wait for the Listener;
// WebSocket ping frames after 25 s idle, 15 s to answer.
//
// # Zero values
//
// Every numeric Config field's zero means its default; NewConfig spells the
// defaults out. Empty strings mean "none"
// (no subprotocol, no token, protocol-level ping frames), false means the
// documented default behaviour. A nil Cancel never cancels; a nil Listener
// drops events; a nil Config is NewConfig(). The zero Cancel is ready to
// use.
//
// # Building for Android and iOS
//
// gomobile resolves golang.org/x/mobile/bind from the Go module it runs in, and
// Tether's root module deliberately requires nothing but its two
// dependencies, so bind from a module that requires both Tether and
// golang.org/x/mobile: your app's own Go module, or this repository's tests
// module, whose go.mod pins golang.org/x/mobile (tool directive):
//
//	go install golang.org/x/mobile/cmd/gomobile@latest
//	go install golang.org/x/mobile/cmd/gobind@latest
//	gomobile init
//	cd tests   # or: go get github.com/tetherws/tether golang.org/x/mobile/bind in your module
//
//	# Android (needs the Android SDK and NDK; ANDROID_HOME set): tether.aar + sources jar
//	gomobile bind -target android -androidapi 21 -o tether.aar github.com/tetherws/tether/mobile
//
//	# iOS (needs Xcode): an xcframework for devices and simulators
//	gomobile bind -target ios,iossimulator -o Tether.xcframework github.com/tetherws/tether/mobile
//
// Java classes land in package mobile (mobile.Client, mobile.Config,
// mobile.Listener, package functions such as errorKindOf in mobile.Mobile;
// -javapkg com.example puts them under com.example.mobile). Objective-C and
// Swift names carry the prefix Mobile (MobileClient, MobileConfig, functions
// MobileErrorKindOf); the
// Objective-C protocols for the interfaces (MobileListener,
// MobileCredentialsProvider, MobileFlushCallback) share their names with
// proxy classes, so Swift calls them MobileListenerProtocol,
// MobileCredentialsProviderProtocol and MobileFlushCallbackProtocol. To see
// the generated code without an SDK:
//
//	cd tests && go tool gobind -lang=go,java,objc -outdir /tmp/tether-bind github.com/tetherws/tether/mobile
//
// The test in tests/gobind does exactly that, fails when gobind skips an
// exported name (gobind leaves a comment instead of failing for those),
// compiles the generated Go side and, when a JDK is installed, the Java.
//
// # Kotlin
//
//	import mobile.Cancel
//	import mobile.Client
//	import mobile.Config
//	import mobile.Credentials
//	import mobile.CredentialsProvider
//	import mobile.Listener
//	import mobile.Mobile
//
//	class ChatListener(private val main: Handler) : Listener {
//	    override fun onOpen(subprotocol: String, reconnect: Boolean) { main.post { showOnline() } }
//	    override fun onMessage(text: String) { main.post { addMessage(text) } }
//	    override fun onBinaryMessage(data: ByteArray) {}
//	    override fun onReconnecting(attempt: Long, delayMillis: Long) { main.post { showOffline(delayMillis) } }
//	    override fun onClose(code: Long, reason: String, isFinal: Boolean) { if (isFinal) main.post { showStopped() } }
//	    override fun onError(kind: String, message: String) {
//	        if (kind == "handshake") main.post { askToLogIn() }
//	        Log.w("chat", "$kind: $message")
//	    }
//	    override fun onUnsent(isBinary: Boolean, text: String, data: ByteArray?,
//	                          maybeDelivered: Boolean, kind: String, message: String) {
//	        if (maybeDelivered) outbox.askBeforeResending(text) else outbox.keep(text)
//	    }
//	}
//
//	val cfg = Config().apply {            // Config() calls NewConfig: defaults filled in
//	    subprotocols = "chat.v2, chat.v1"
//	    credentialsProvider = object : CredentialsProvider {   // a fresh token for every attempt
//	        override fun credentials(attempt: Long) = Credentials("", auth.currentToken())
//	    }
//	    closeInBackground = true
//	}
//	val client = Client("wss://chat.example.com/ws", cfg, ChatListener(Handler(Looper.getMainLooper())))
//	client.connectAsync()
//	client.enqueueText("""{"type":"hello"}""")
//	val upload = Cancel()                 // a blocking send the user can abandon: upload.cancel() from any thread
//	withContext(Dispatchers.IO) { client.sendBinary(photo, upload) }   // or sendBinary(photo, null): no handle
//	// before logging out: wait until the server has read what was sent
//	withContext(Dispatchers.IO) { client.flush(5000) }   // throws: Mobile.errorKindOf(e) == "unconfirmed"
//
//	ProcessLifecycleOwner.get().lifecycle.addObserver(LifecycleEventObserver { _, event ->
//	    when (event) {
//	        Lifecycle.Event.ON_START -> client.onForeground()
//	        Lifecycle.Event.ON_STOP -> client.onBackground()
//	        else -> {}
//	    }
//	})
//	connectivityManager.registerDefaultNetworkCallback(object : ConnectivityManager.NetworkCallback() {
//	    override fun onAvailable(network: Network) = client.onNetworkChange()
//	})
//	// when done: client.closeAsync(), or client.close() off the main thread
//
// # Swift
//
//	import Tether   // the framework built with -o Tether.xcframework
//
//	final class ChatListener: NSObject, MobileListenerProtocol {
//	    func onOpen(_ subprotocol: String?, reconnect: Bool) { DispatchQueue.main.async { showOnline() } }
//	    func onMessage(_ text: String?) { DispatchQueue.main.async { addMessage(text ?? "") } }
//	    func onBinaryMessage(_ data: Data?) {}
//	    func onReconnecting(_ attempt: Int64, delayMillis: Int64) { DispatchQueue.main.async { showOffline() } }
//	    func onClose(_ code: Int64, reason: String?, isFinal: Bool) {}
//	    func onError(_ kind: String?, message: String?) { print("\(kind ?? ""): \(message ?? "")") }
//	    func onUnsent(_ isBinary: Bool, text: String?, data: Data?, maybeDelivered: Bool,
//	                  kind: String?, message: String?) { if !maybeDelivered { Outbox.keep(text ?? "") } }
//	}
//
//	final class Tokens: NSObject, MobileCredentialsProviderProtocol {
//	    func credentials(_ attempt: Int64) throws -> MobileCredentials {
//	        MobileCredentials("", bearerToken: Auth.shared.currentToken())!   // "": keep the URL
//	    }
//	}
//
//	let cfg = MobileConfig()!             // calls NewConfig
//	cfg.subprotocols = "chat.v2, chat.v1"
//	cfg.credentialsProvider = Tokens()    // or cfg.bearerToken = token, the same on every attempt
//	let listener = ChatListener()         // the client holds it; keep your own reference too
//	guard let client = MobileClient("wss://chat.example.com/ws", cfg: cfg, listener: listener) else { return }
//	try client.connectAsync()
//	try client.enqueueText("{\"type\":\"hello\"}")
//	let upload = MobileCancel()           // upload.cancel() from any thread ends the send
//	DispatchQueue.global().async { try? client.sendBinary(photo, cancel: upload) }   // cancel: nil for no handle
//	DispatchQueue.global().async { try? client.flush(5000) }   // blocks until confirmed
//
//	NotificationCenter.default.addObserver(forName: UIApplication.willEnterForegroundNotification,
//	                                       object: nil, queue: nil) { _ in client.onForeground() }
//	NotificationCenter.default.addObserver(forName: UIApplication.didEnterBackgroundNotification,
//	                                       object: nil, queue: nil) { _ in client.onBackground() }
//	let monitor = NWPathMonitor()
//	monitor.pathUpdateHandler = { _ in client.onNetworkChange() }
//	monitor.start(queue: .global())
//	// when done: client.closeAsync()
//
// # Background policy
//
// With Config.CloseInBackground, OnBackground closes the connection (code
// 1001 "app in background", OnClose with isFinal true, no OnError) and
// OnForeground connects again: the right choice when the server should not
// hold a session for an invisible app, and on iOS, which suspends background
// apps within seconds anyway. Without it (the default) the connection stays
// up while the OS lets the app run, heartbeats keep proxies from cutting it,
// and OnForeground probes it at once so a connection that died during a
// suspension is replaced within HeartbeatTimeoutMillis.
package mobile
