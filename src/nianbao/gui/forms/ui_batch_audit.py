# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'batch_audit.ui'
##
## Created by: Qt User Interface Compiler version 6.9.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QProgressBar, QPushButton, QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem, QVBoxLayout

class Ui_BatchAuditDialog(object):
    def setupUi(self, BatchAuditDialog):
        if not BatchAuditDialog.objectName():
            BatchAuditDialog.setObjectName(u"BatchAuditDialog")
        BatchAuditDialog.resize(1100, 680)
        self.layout = QVBoxLayout(BatchAuditDialog)
        self.layout.setObjectName(u"layout")
        self.hint = QLabel(BatchAuditDialog)
        self.hint.setObjectName(u"hint")
        self.hint.setWordWrap(True)

        self.layout.addWidget(self.hint)

        self.inputs_row = QHBoxLayout()
        self.inputs_row.setObjectName(u"inputs_row")
        self.add_folder = QPushButton(BatchAuditDialog)
        self.add_folder.setObjectName(u"add_folder")

        self.inputs_row.addWidget(self.add_folder)

        self.add_files = QPushButton(BatchAuditDialog)
        self.add_files.setObjectName(u"add_files")

        self.inputs_row.addWidget(self.add_files)

        self.clear = QPushButton(BatchAuditDialog)
        self.clear.setObjectName(u"clear")

        self.inputs_row.addWidget(self.clear)

        self.spacer_inputs = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.inputs_row.addItem(self.spacer_inputs)


        self.layout.addLayout(self.inputs_row)

        self.inputs = QListWidget(BatchAuditDialog)
        self.inputs.setObjectName(u"inputs")
        self.inputs.setMaximumHeight(90)

        self.layout.addWidget(self.inputs)

        self.run_row = QHBoxLayout()
        self.run_row.setObjectName(u"run_row")
        self.start = QPushButton(BatchAuditDialog)
        self.start.setObjectName(u"start")

        self.run_row.addWidget(self.start)

        self.progress = QProgressBar(BatchAuditDialog)
        self.progress.setObjectName(u"progress")
        self.progress.setValue(0)

        self.run_row.addWidget(self.progress)

        self.export = QPushButton(BatchAuditDialog)
        self.export.setObjectName(u"export")

        self.run_row.addWidget(self.export)


        self.layout.addLayout(self.run_row)

        self.summary = QLabel(BatchAuditDialog)
        self.summary.setObjectName(u"summary")
        self.summary.setWordWrap(True)

        self.layout.addWidget(self.summary)

        self.results = QTableWidget(BatchAuditDialog)
        if (self.results.columnCount() < 11):
            self.results.setColumnCount(11)
        __qtablewidgetitem = QTableWidgetItem()
        self.results.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.results.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.results.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.results.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.results.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.results.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.results.setHorizontalHeaderItem(6, __qtablewidgetitem6)
        __qtablewidgetitem7 = QTableWidgetItem()
        self.results.setHorizontalHeaderItem(7, __qtablewidgetitem7)
        __qtablewidgetitem8 = QTableWidgetItem()
        self.results.setHorizontalHeaderItem(8, __qtablewidgetitem8)
        __qtablewidgetitem9 = QTableWidgetItem()
        self.results.setHorizontalHeaderItem(9, __qtablewidgetitem9)
        __qtablewidgetitem10 = QTableWidgetItem()
        self.results.setHorizontalHeaderItem(10, __qtablewidgetitem10)
        self.results.setObjectName(u"results")
        self.results.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.results.setAlternatingRowColors(True)
        self.results.setWordWrap(False)
        self.results.setSortingEnabled(True)

        self.layout.addWidget(self.results)

        self.open_hint = QLabel(BatchAuditDialog)
        self.open_hint.setObjectName(u"open_hint")
        self.open_hint.setWordWrap(True)

        self.layout.addWidget(self.open_hint)

        self.buttons = QDialogButtonBox(BatchAuditDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Close)

        self.layout.addWidget(self.buttons)

        self.layout.setStretch(5, 1)

        self.retranslateUi(BatchAuditDialog)
        self.buttons.accepted.connect(BatchAuditDialog.accept)
        self.buttons.rejected.connect(BatchAuditDialog.reject)
    # setupUi

    def retranslateUi(self, BatchAuditDialog):
        BatchAuditDialog.setWindowTitle(QCoreApplication.translate("BatchAuditDialog", u"\u6279\u91cf\u5ba1\u6838", None))
        self.hint.setText(QCoreApplication.translate("BatchAuditDialog", u"\u5ba1\u6838\u9879\u76ee\u6587\u4ef6\uff08.nianbao\uff09\u3001\u5bfc\u51fa\u7684 Excel \u548c\u5df2\u53d1\u5e03\u7684\u5e74\u62a5\uff08Word\u3001PDF\u3001\u7f51\u9875\u3001\u6587\u672c\uff09\u3002\u6587\u4ef6\u5939\u542b\u5b50\u6587\u4ef6\u5939\u3002", None))
        self.add_folder.setText(QCoreApplication.translate("BatchAuditDialog", u"\u6dfb\u52a0\u6587\u4ef6\u5939\u2026", None))
        self.add_files.setText(QCoreApplication.translate("BatchAuditDialog", u"\u6dfb\u52a0\u6587\u4ef6\u2026", None))
        self.clear.setText(QCoreApplication.translate("BatchAuditDialog", u"\u6e05\u7a7a", None))
        self.start.setText(QCoreApplication.translate("BatchAuditDialog", u"\u5f00\u59cb\u5ba1\u6838", None))
        self.export.setText(QCoreApplication.translate("BatchAuditDialog", u"\u5bfc\u51fa Excel\u2026", None))
        self.summary.setText("")
        ___qtablewidgetitem = self.results.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("BatchAuditDialog", u"\u6587\u4ef6", None));
        ___qtablewidgetitem1 = self.results.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("BatchAuditDialog", u"\u53d1\u5e03\u673a\u5173", None));
        ___qtablewidgetitem2 = self.results.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("BatchAuditDialog", u"\u5e74\u5ea6", None));
        ___qtablewidgetitem3 = self.results.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("BatchAuditDialog", u"\u89c4\u5219", None));
        ___qtablewidgetitem4 = self.results.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("BatchAuditDialog", u"\u7c7b\u522b", None));
        ___qtablewidgetitem5 = self.results.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("BatchAuditDialog", u"\u8868", None));
        ___qtablewidgetitem6 = self.results.horizontalHeaderItem(6)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("BatchAuditDialog", u"\u884c", None));
        ___qtablewidgetitem7 = self.results.horizontalHeaderItem(7)
        ___qtablewidgetitem7.setText(QCoreApplication.translate("BatchAuditDialog", u"\u5217", None));
        ___qtablewidgetitem8 = self.results.horizontalHeaderItem(8)
        ___qtablewidgetitem8.setText(QCoreApplication.translate("BatchAuditDialog", u"\u586b\u62a5\u503c", None));
        ___qtablewidgetitem9 = self.results.horizontalHeaderItem(9)
        ___qtablewidgetitem9.setText(QCoreApplication.translate("BatchAuditDialog", u"\u8ba1\u7b97\u503c", None));
        ___qtablewidgetitem10 = self.results.horizontalHeaderItem(10)
        ___qtablewidgetitem10.setText(QCoreApplication.translate("BatchAuditDialog", u"\u8bf4\u660e", None));
        self.open_hint.setText(QCoreApplication.translate("BatchAuditDialog", u"\u53cc\u51fb\u4e00\u884c\uff0c\u6253\u5f00\u8be5\u62a5\u544a\u5e76\u5b9a\u4f4d\u5230\u6709\u95ee\u9898\u7684\u5355\u5143\u683c\u3002", None))
    # retranslateUi

