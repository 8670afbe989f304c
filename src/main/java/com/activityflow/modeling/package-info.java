/**
 * The analysts' models as a product: the files of {@code bpmn/}, {@code dmn/} and {@code forms/}
 * are validated ({@link com.activityflow.modeling.ModelValidator}), deployed with only changed
 * files making new versions ({@link com.activityflow.modeling.ModelDeployer}), every deployment
 * audited, running instances migrated on request, and explained as generated pages.
 */
package com.activityflow.modeling;
