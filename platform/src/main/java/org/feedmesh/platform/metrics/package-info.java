/** Micrometer request metrics for Jersey and the Prometheus {@code /metrics} resource. */
package org.feedmesh.platform.metrics;
