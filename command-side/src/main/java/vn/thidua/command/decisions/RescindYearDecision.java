package vn.thidua.command.decisions;

import vn.thidua.command.year.YearCommand;

/** Rescind a decision of an emulation year (an assessment, the ranking or an award proposal). */
public record RescindYearDecision(String clusterId, int year, String decisionId, String rescindedDecisionId,
                                  String reason) implements YearCommand {
}
