# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'new_report.ui'
##
## Created by: Qt User Interface Compiler version 6.9.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

class Ui_NewReportDialog(object):
    def setupUi(self, NewReportDialog):
        if not NewReportDialog.objectName():
            NewReportDialog.setObjectName(u"NewReportDialog")
        self.layout = QVBoxLayout(NewReportDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.year_label = QLabel(NewReportDialog)
        self.year_label.setObjectName(u"year_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.year_label)

        self.year = QSpinBox(NewReportDialog)
        self.year.setObjectName(u"year")
        self.year.setMinimum(2008)
        self.year.setMaximum(2100)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.year)

        self.issuer_label = QLabel(NewReportDialog)
        self.issuer_label.setObjectName(u"issuer_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.issuer_label)

        self.issuer = QLineEdit(NewReportDialog)
        self.issuer.setObjectName(u"issuer")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.issuer)

        self.level_label = QLabel(NewReportDialog)
        self.level_label.setObjectName(u"level_label")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.level_label)

        self.level = QComboBox(NewReportDialog)
        self.level.setObjectName(u"level")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.level)

        self.format_label = QLabel(NewReportDialog)
        self.format_label.setObjectName(u"format_label")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.format_label)

        self.format = QComboBox(NewReportDialog)
        self.format.setObjectName(u"format")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.format)


        self.layout.addLayout(self.form)

        self.hint = QLabel(NewReportDialog)
        self.hint.setObjectName(u"hint")
        self.hint.setStyleSheet(u"color: #555;")
        self.hint.setWordWrap(True)

        self.layout.addWidget(self.hint)

        self.buttons = QDialogButtonBox(NewReportDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.year_label.setBuddy(self.year)
        self.issuer_label.setBuddy(self.issuer)
        self.level_label.setBuddy(self.level)
        self.format_label.setBuddy(self.format)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.year, self.issuer)
        QWidget.setTabOrder(self.issuer, self.level)
        QWidget.setTabOrder(self.level, self.format)

        self.retranslateUi(NewReportDialog)
        self.buttons.accepted.connect(NewReportDialog.accept)
        self.buttons.rejected.connect(NewReportDialog.reject)
    # setupUi

    def retranslateUi(self, NewReportDialog):
        NewReportDialog.setWindowTitle(QCoreApplication.translate("NewReportDialog", u"\u65b0\u5efa\u62a5\u544a", None))
        self.year_label.setText(QCoreApplication.translate("NewReportDialog", u"\u62a5\u544a\u5e74\u5ea6", None))
        self.issuer_label.setText(QCoreApplication.translate("NewReportDialog", u"\u53d1\u5e03\u673a\u5173", None))
        self.issuer.setPlaceholderText(QCoreApplication.translate("NewReportDialog", u"\u4f8b\u5982\uff1a\u67d0\u67d0\u9547\u4eba\u6c11\u653f\u5e9c", None))
        self.level_label.setText(QCoreApplication.translate("NewReportDialog", u"\u5c42\u7ea7", None))
        self.format_label.setText(QCoreApplication.translate("NewReportDialog", u"\u62a5\u544a\u683c\u5f0f", None))
        self.hint.setText(QCoreApplication.translate("NewReportDialog", u"\u62a5\u544a\u683c\u5f0f\u6309\u5e74\u5ea6\u81ea\u52a8\u9009\u62e9\uff1a2019\u30012020\u5e74\u5ea6\u7528\u8bd5\u884c\u683c\u5f0f\uff0c2021\u5e74\u5ea6\u8d77\u75282021\u5e74\u683c\u5f0f\u3002", None))
    # retranslateUi

