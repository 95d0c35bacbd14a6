package com.zoomoverlay.bridge.http.server;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The bridge's Vert.x as platform-http sees it: every HTTP server made on it gets the port's limits. Camel
 * 4.17's platform-http server creates its {@code HttpServer} with default {@code HttpServerOptions} and no
 * setting to change them, and Vert.x has no process-wide defaults, so the one place left is the Vert.x
 * instance Camel finds in the registry. Only {@code createHttpServer} is changed: the options get
 * {@link HttpServerLimits}, the server gets the connection budget and deadline ({@link ServerConnections})
 * and the early refusals ({@link BadRequests}) in front of the request handler Camel installs.
 */
final class LimitedHttpServers {

    private LimitedHttpServers() {
    }

    static Vertx wrap(Vertx vertx, HttpServerLimits limits, ServerConnections connections, BadRequests badRequests) {
        InvocationHandler handler = (proxy, method, args) -> {
            if ("createHttpServer".equals(method.getName())
                    && (args == null || args.length == 0 || args[0] instanceof HttpServerOptions)) {
                HttpServerOptions options = args == null || args.length == 0
                        ? new HttpServerOptions() : new HttpServerOptions((HttpServerOptions) args[0]);
                HttpServer server = vertx.createHttpServer(limits.applyTo(options));
                server.connectionHandler(connections::opened);
                server.invalidRequestHandler(badRequests::undecodable);
                return guarded(server, connections, badRequests);
            }
            return call(vertx, method, args);
        };
        return (Vertx) Proxy.newProxyInstance(LimitedHttpServers.class.getClassLoader(), interfacesOf(vertx), handler);
    }

    /** The server, with Camel's request handler behind the escape check and the connection's bookkeeping. */
    private static HttpServer guarded(HttpServer server, ServerConnections connections, BadRequests badRequests) {
        InvocationHandler handler = new InvocationHandler() {
            @Override
            public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                if ("requestHandler".equals(method.getName()) && args != null && args.length == 1) {
                    @SuppressWarnings("unchecked")
                    Handler<HttpServerRequest> routes = (Handler<HttpServerRequest>) args[0];
                    server.requestHandler(request -> {
                        if (!badRequests.refusedEscape(request)) {
                            connections.requestStarted(request);
                            routes.handle(request);
                        }
                    });
                    return proxy;
                }
                Object result = call(server, method, args);
                return result == server ? proxy : result;
            }
        };
        return (HttpServer) Proxy.newProxyInstance(LimitedHttpServers.class.getClassLoader(), interfacesOf(server), handler);
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Class<?>[] interfacesOf(Object target) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                interfaces.add(i);
            }
        }
        return interfaces.toArray(Class<?>[]::new);
    }
}
