/**
 * The client side of a primary/standby pair of feed servers (seed 002): a {@link
 * org.feedmesh.platform.cluster.ServerSet} of server URLs and the OkHttp {@link
 * org.feedmesh.platform.cluster.FailoverInterceptor} that sends requests to the approver, carries
 * the approval epoch and tells the standby when the primary does not answer. The headers are in
 * {@link org.feedmesh.platform.cluster.ClusterHeaders}.
 *
 * <pre>{@code
 * ServerSet servers = ServerSet.parse("http://p:8080/,http://s:8080/");
 * OkHttpClient http = new OkHttpClient.Builder()
 *     .addInterceptor(new FailoverInterceptor(servers))   // application interceptor
 *     .connectTimeout(Duration.ofSeconds(2))              // how fast a dead server is noticed
 *     .build();
 * http.newCall(new Request.Builder().url(servers.servers().get(0).resolve("feeds/docs")).build());
 * }</pre>
 */
package org.feedmesh.platform.cluster;
