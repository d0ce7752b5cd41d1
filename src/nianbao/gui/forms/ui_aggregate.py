# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'aggregate.ui'
##
## Created by: Qt User Interface Compiler version 6.9.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QProgressBar, QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout

class Ui_AggregateDialog(object):
    def setupUi(self, AggregateDialog):
        if not AggregateDialog.objectName():
            AggregateDialog.setObjectName(u"AggregateDialog")
        AggregateDialog.resize(760, 600)
        self.layout = QVBoxLayout(AggregateDialog)
        self.layout.setObjectName(u"layout")
        self.hint = QLabel(AggregateDialog)
        self.hint.setObjectName(u"hint")
        self.hint.setWordWrap(True)

        self.layout.addWidget(self.hint)

        self.inputs_row = QHBoxLayout()
        self.inputs_row.setObjectName(u"inputs_row")
        self.add_folder = QPushButton(AggregateDialog)
        self.add_folder.setObjectName(u"add_folder")

        self.inputs_row.addWidget(self.add_folder)

        self.add_files = QPushButton(AggregateDialog)
        self.add_files.setObjectName(u"add_files")

        self.inputs_row.addWidget(self.add_files)

        self.clear = QPushButton(AggregateDialog)
        self.clear.setObjectName(u"clear")

        self.inputs_row.addWidget(self.clear)

        self.spacer_inputs = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.inputs_row.addItem(self.spacer_inputs)


        self.layout.addLayout(self.inputs_row)

        self.inputs = QListWidget(AggregateDialog)
        self.inputs.setObjectName(u"inputs")

        self.layout.addWidget(self.inputs)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.issuer_label = QLabel(AggregateDialog)
        self.issuer_label.setObjectName(u"issuer_label")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.issuer_label)

        self.issuer = QLineEdit(AggregateDialog)
        self.issuer.setObjectName(u"issuer")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.issuer)

        self.level_label = QLabel(AggregateDialog)
        self.level_label.setObjectName(u"level_label")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.level_label)

        self.level = QComboBox(AggregateDialog)
        self.level.setObjectName(u"level")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.level)

        self.skip_errors = QCheckBox(AggregateDialog)
        self.skip_errors.setObjectName(u"skip_errors")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.skip_errors)


        self.layout.addLayout(self.form)

        self.run_row = QHBoxLayout()
        self.run_row.setObjectName(u"run_row")
        self.run = QPushButton(AggregateDialog)
        self.run.setObjectName(u"run")

        self.run_row.addWidget(self.run)

        self.progress = QProgressBar(AggregateDialog)
        self.progress.setObjectName(u"progress")
        self.progress.setValue(0)

        self.run_row.addWidget(self.progress)


        self.layout.addLayout(self.run_row)

        self.log = QPlainTextEdit(AggregateDialog)
        self.log.setObjectName(u"log")
        self.log.setReadOnly(True)

        self.layout.addWidget(self.log)

        self.buttons = QDialogButtonBox(AggregateDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Close|QDialogButtonBox.Open)

        self.layout.addWidget(self.buttons)

        self.layout.setStretch(2, 1)
        self.layout.setStretch(5, 2)
#if QT_CONFIG(shortcut)
        self.issuer_label.setBuddy(self.issuer)
        self.level_label.setBuddy(self.level)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AggregateDialog)
        self.buttons.accepted.connect(AggregateDialog.accept)
        self.buttons.rejected.connect(AggregateDialog.reject)
    # setupUi

    def retranslateUi(self, AggregateDialog):
        AggregateDialog.setWindowTitle(QCoreApplication.translate("AggregateDialog", u"\u6c47\u603b", None))
        self.hint.setText(QCoreApplication.translate("AggregateDialog", u"\u628a\u540c\u4e00\u5e74\u5ea6\u3001\u540c\u4e00\u683c\u5f0f\u7684\u62a5\u544a\u9010\u683c\u76f8\u52a0\uff0c\u751f\u6210\u6c47\u603b\u62a5\u544a\uff08\u6b63\u6587\u7559\u7a7a\uff09\u3002\u6587\u4ef6\u5939\u542b\u5b50\u6587\u4ef6\u5939\u3002", None))
        self.add_folder.setText(QCoreApplication.translate("AggregateDialog", u"\u6dfb\u52a0\u6587\u4ef6\u5939\u2026", None))
        self.add_files.setText(QCoreApplication.translate("AggregateDialog", u"\u6dfb\u52a0\u6587\u4ef6\u2026", None))
        self.clear.setText(QCoreApplication.translate("AggregateDialog", u"\u6e05\u7a7a", None))
        self.issuer_label.setText(QCoreApplication.translate("AggregateDialog", u"\u6c47\u603b\u62a5\u544a\u7684\u53d1\u5e03\u673a\u5173\uff1a", None))
        self.issuer.setPlaceholderText(QCoreApplication.translate("AggregateDialog", u"\u4f8b\u5982\uff1a\u67d0\u67d0\u53bf\u4eba\u6c11\u653f\u5e9c", None))
        self.level_label.setText(QCoreApplication.translate("AggregateDialog", u"\u5c42\u7ea7\uff1a", None))
        self.skip_errors.setText(QCoreApplication.translate("AggregateDialog", u"\u6709\u52fe\u7a3d\u9519\u8bef\u7684\u62a5\u544a\u4e0d\u8ba1\u5165\u6c47\u603b", None))
        self.run.setText(QCoreApplication.translate("AggregateDialog", u"\u6c47\u603b", None))
    # retranslateUi

